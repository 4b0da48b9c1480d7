import type { Metadata } from 'next';
import { DateView } from '@/components/tasks/date-view';
import { QuickAdd } from '@/components/tasks/quick-add';
import { TaskWorkspace } from '@/components/tasks/task-workspace';
import taskStyles from '@/components/tasks/tasks.module.css';

export const metadata: Metadata = { title: 'Upcoming' };

/** What is due today and in the next 6 days, day by day, across every list. */
export default function UpcomingPage() {
  return (
    <TaskWorkspace>
      <h1>Upcoming</h1>
      <section aria-label="Add a task" className={`panel ${taskStyles.panel}`}>
        <QuickAdd listId={null} />
      </section>
      <section aria-label="Upcoming tasks" className={`panel ${taskStyles.panel}`}>
        <DateView view="upcoming" />
      </section>
    </TaskWorkspace>
  );
}
