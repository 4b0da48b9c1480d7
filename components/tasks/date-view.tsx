'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { DEFAULT_TASK_FILTERS, type TaskFilters } from '@/lib/query/task-filters';
import { taskViewOptions, type DateView as DateViewName } from '@/lib/query/task-queries';
import type { Task } from '@/lib/tasks/schema';
import { dayHeading } from './dates';
import { useToday } from './use-today';
import { cachedTask } from '@/lib/query/task-cache';
import { TaskPanelHost, useOpenTask } from './task-panel-host';
import { TaskRow } from './task-row';
import { useTaskWorkspace } from './task-workspace';
import { useRowKeys } from './use-row-keys';
import { useVisibleTasks } from './use-visible-tasks';
import { LoadProblem } from './load-problem';
import styles from './tasks.module.css';
import viewStyles from './date-view.module.css';

/** The rows' filters: open tasks across every list, so each row shows its list chip and leaves when completed. */
const VIEW_FILTERS: TaskFilters = { ...DEFAULT_TASK_FILTERS, status: 'open' };

const EMPTY_TEXT: Record<DateViewName, string> = {
  today: 'Nothing due today. Enjoy!',
  upcoming: 'Nothing due in the next 7 days.',
};

type Group = { readonly key: string; readonly heading: string; readonly tasks: readonly Task[] };

function groupTasks(view: DateViewName, tasks: readonly Task[], today: string): Group[] {
  const groups = new Map<string, Task[]>();
  for (const task of tasks) {
    if (!task.dueDate) continue;
    const key = view === 'today' ? (task.dueDate < today ? 'overdue' : 'today') : task.dueDate;
    groups.set(key, [...(groups.get(key) ?? []), task]);
  }
  const keys = view === 'today' ? ['overdue', 'today'].filter((key) => groups.has(key)) : [...groups.keys()].sort();
  return keys.map((key) => ({
    key,
    heading: key === 'overdue' ? 'Overdue' : view === 'today' ? 'Today' : dayHeading(key, today),
    tasks: groups.get(key) ?? [],
  }));
}

/**
 * Today or Upcoming: open tasks of every list, grouped by day. The page reads the first page on the
 * server (date-view-page.tsx), so the rows are in the HTML when it knew the viewer's date.
 */
export function DateView({ view, serverToday }: { readonly view: DateViewName; readonly serverToday: string | null }) {
  const queryClient = useQueryClient();
  const { scheduleDelete } = useTaskWorkspace();
  const { openId, open, close } = useOpenTask();
  const containerRef = useRef<HTMLDivElement>(null);
  const query = useInfiniteQuery(taskViewOptions(view));
  const { data, hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const today = useToday(serverToday);

  // A view is a handful of days: load all of it.
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage({ cancelRefetch: false });
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const tasks = useVisibleTasks(data);
  useRowKeys(containerRef, {
    onOpen: open,
    onDelete: (taskId) => {
      const task = cachedTask(queryClient, taskId);
      const index = ordered.findIndex((item) => item.id === taskId);
      if (task) scheduleDelete(task, { focusUndo: false, neighborId: ordered[index + 1]?.id ?? ordered[index - 1]?.id ?? null });
    },
  });
  const ordered = today === null ? [] : groupTasks(view, tasks, today).flatMap((group) => group.tasks);

  if (query.status === 'pending' || today === null) {
    return (
      <p role="status" className={styles.count}>
        Loading tasks…
      </p>
    );
  }

  if (query.status === 'error' && !data) return <LoadProblem error={query.error} onRetry={() => void query.refetch()} />;

  const groups = groupTasks(view, tasks, today);
  return (
    <div ref={containerRef}>
      <p role="status" className={styles.count}>
        {tasks.length === 1 ? '1 open task' : `${tasks.length} open tasks`}
      </p>
      {groups.length === 0 ? (
        <div className={styles.empty}>
          <p className={styles.emptyTitle}>{EMPTY_TEXT[view]}</p>
        </div>
      ) : (
        groups.map((group) => (
          <section key={group.key} aria-labelledby={`day-${group.key}`} className={viewStyles.dayGroup}>
            <h2 id={`day-${group.key}`} className={group.key === 'overdue' ? `${viewStyles.dayHeading} ${viewStyles.dayOverdue}` : viewStyles.dayHeading}>
              {group.heading}
            </h2>
            <ul className={styles.list} aria-labelledby={`day-${group.key}`}>
              {group.tasks.map((task) => (
                <TaskRow key={task.id} task={task} today={today} filters={VIEW_FILTERS} showList onOpen={open} dayInHeading={group.key !== 'overdue'} />
              ))}
            </ul>
          </section>
        ))
      )}
      <TaskPanelHost openId={openId} filters={VIEW_FILTERS} onClose={close} />
    </div>
  );
}
