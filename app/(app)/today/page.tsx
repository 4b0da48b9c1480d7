import type { Metadata } from 'next';
import { DateView } from '@/components/tasks/date-view';
import { QuickAdd } from '@/components/tasks/quick-add';
import { TaskWorkspace } from '@/components/tasks/task-workspace';
import taskStyles from '@/components/tasks/tasks.module.css';

export const metadata: Metadata = { title: 'Today' };

/** Overdue tasks first, then what is due today, across every list. */
export default function TodayPage() {
  return (
    <TaskWorkspace>
      <h1>Today</h1>
      <section aria-label="Add a task" className={`panel ${taskStyles.panel}`}>
        <QuickAdd listId={null} />
      </section>
      <section aria-label="Today's tasks" className={`panel ${taskStyles.panel}`}>
        <DateView view="today" />
      </section>
    </TaskWorkspace>
  );
}
