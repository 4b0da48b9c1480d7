'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { TaskFilters } from '@/lib/query/task-filters';
import { taskListOptions } from '@/lib/query/task-queries';
import { TaskList } from './task-list';
import { useVisibleTasks } from './use-visible-tasks';
import styles from './tasks.module.css';

type CompletedTasksProps = {
  /** The view's filters with status `done`. */
  readonly filters: TaskFilters;
  readonly today: string | null;
  readonly showList: boolean;
  readonly onOpen: (taskId: string) => void;
};

/** Done tasks, tucked under a "Completed (N)" toggle, most recently completed first. */
export function CompletedTasks({ filters, today, showList, onOpen }: CompletedTasksProps) {
  const regionId = useId();
  const [shown, setShown] = useState(false);
  const { data, hasNextPage } = useInfiniteQuery(taskListOptions(filters));
  const count = useVisibleTasks(data).length;
  if (count === 0 && !shown) return null;
  return (
    <section className={styles.completed} aria-label="Completed tasks">
      <button type="button" className={styles.completedToggle} aria-expanded={shown} aria-controls={regionId} onClick={() => setShown((open) => !open)}>
        <span aria-hidden="true" className={shown ? `${styles.chevron} ${styles.chevronOpen}` : styles.chevron}>
          ›
        </span>
        Completed ({count}
        {hasNextPage ? '+' : ''})
      </button>
      <div id={regionId} hidden={!shown}>
        {shown ? (
          <TaskList
            filters={filters}
            today={today}
            label="Completed tasks"
            showList={showList}
            onOpen={onOpen}
            empty={<p className={styles.count}>No completed tasks.</p>}
          />
        ) : null}
      </div>
    </section>
  );
}
