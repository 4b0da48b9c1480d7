'use client';

import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { taskMatchesFilters, type TaskFilters } from '@/lib/query/task-filters';
import { taskListOptions } from '@/lib/query/task-queries';
import type { TaskPage } from '@/lib/client/task-guards';
import type { Task } from '@/lib/tasks/schema';
import { Button } from '@/components/ui/button';
import { taskOpenId } from './focus';
import { TaskRow, type RowDrag } from './task-row';
import { useFocusKeptInList } from './use-focus-kept';
import { useVisibleTasks } from './use-visible-tasks';
import { LoadProblem } from './load-problem';
import styles from './tasks.module.css';

const SKELETON_ROWS = 3;

// Drag and drop loads when a handle is first reached: the list's first load never carries it.
const SortableRows = lazy(() => import('./sortable-rows').then((module) => ({ default: module.SortableRows })));

type TaskListProps = {
  readonly filters: TaskFilters;
  readonly today: string | null;
  readonly label: string;
  readonly showList: boolean;
  readonly onOpen: (taskId: string) => void;
  /** What to show when nothing matches. */
  readonly empty: ReactNode;
  /** The tasks as shown (after hidden deletes), for the keys and the count. */
  readonly onTasks?: (tasks: readonly Task[], hasMore: boolean) => void;
  /** Manual order: rows get a drag handle, and a drop moves the task to that place. */
  readonly onDragMove?: ((taskId: string, to: number) => void) | undefined;
  /**
   * `filters.q` is a search being typed that the URL (and so the server) has not caught up with: the
   * rows show its cached answer if there is one, otherwise the rows on screen that match it, until the
   * server's come.
   */
  readonly typing?: boolean;
};

type TaskPages = InfiniteData<TaskPage, string | null>;

/** The rows on screen that match a search typed further: shown at once, while the server searches. */
function narrowed(data: TaskPages | undefined, filters: TaskFilters): TaskPages | undefined {
  if (!data) return undefined;
  // No next page: its cursor belongs to the other search, and the server's answer brings its own.
  return { pageParams: data.pageParams, pages: data.pages.map((page) => ({ ...page, items: page.items.filter((task) => taskMatchesFilters(task, filters)), nextCursor: null })) };
}

/** One list of task rows: the React Query cache, pages loaded as the end comes into view. */
export function TaskList({ filters, today, label, showList, onOpen, empty, onTasks, onDragMove, typing = false }: TaskListProps) {
  const [dragWanted, setDragWanted] = useState(false);
  // While typing ahead of the URL nothing is fetched here: the search box asks the server once typing pauses.
  const query = useInfiniteQuery({ ...taskListOptions(filters), enabled: !typing, placeholderData: typing ? (previous) => narrowed(previous, filters) : undefined });
  const { data, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = query;
  const tasks = useVisibleTasks(data);
  const ids = useMemo(() => tasks.map((task) => task.id), [tasks]);
  const listEvents = useFocusKeptInList(ids);

  useEffect(() => {
    onTasks?.(tasks, hasNextPage);
  }, [onTasks, tasks, hasNextPage]);

  const loadMoreRef = useRef<HTMLDivElement>(null);
  const canAutoLoad = hasNextPage && !isFetchingNextPage && !isFetchNextPageError;
  useEffect(() => {
    const target = loadMoreRef.current;
    // Without IntersectionObserver the Load more button does the job alone.
    if (!target || !canAutoLoad || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) void fetchNextPage({ cancelRefetch: false });
      },
      { rootMargin: '0px 0px 400px 0px' },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [canAutoLoad, fetchNextPage]);

  // After "Load more", keyboard users continue at the first task that arrived.
  const focusIndexAfterLoad = useRef<number | null>(null);
  useEffect(() => {
    const index = focusIndexAfterLoad.current;
    const first = index === null ? undefined : tasks[index];
    if (!first) return;
    focusIndexAfterLoad.current = null;
    document.getElementById(taskOpenId(first.id))?.focus();
  }, [tasks]);

  async function loadMore() {
    focusIndexAfterLoad.current = tasks.length;
    const result = await fetchNextPage({ cancelRefetch: false });
    if (result.isError) focusIndexAfterLoad.current = null;
  }

  function row(task: Task, drag: RowDrag | null) {
    const reorder = onDragMove ? { drag, onHandleReached: () => setDragWanted(true) } : undefined;
    return <TaskRow key={task.id} task={task} today={today} filters={filters} showList={showList} onOpen={onOpen} reorder={reorder} />;
  }

  function rows(items: ReactNode) {
    return (
      <ul className={styles.list} aria-label={label} {...listEvents}>
        {items}
      </ul>
    );
  }

  if (query.status === 'pending') {
    return (
      <ul className={styles.list} aria-hidden="true">
        {Array.from({ length: SKELETON_ROWS }, (_, index) => (
          <li key={index} className={`${styles.item} ${styles.skeleton}`}>
            <span className={styles.skeletonCheck} />
            <span className={styles.skeletonLines}>
              <span className={styles.skeletonLine} />
              <span className={`${styles.skeletonLine} ${styles.skeletonShort}`} />
            </span>
          </li>
        ))}
      </ul>
    );
  }

  if (query.status === 'error' && !data) return <LoadProblem error={query.error} onRetry={() => void query.refetch()} />;

  return (
    <>
      {tasks.length === 0 ? (
        empty
      ) : onDragMove && dragWanted ? (
        <Suspense fallback={rows(tasks.map((task) => row(task, null)))}>
          <SortableRows tasks={tasks} onMove={onDragMove} renderRow={row}>
            {rows}
          </SortableRows>
        </Suspense>
      ) : (
        rows(tasks.map((task) => row(task, null)))
      )}
      {isFetchNextPageError ? (
        <div role="alert" className={styles.problem}>
          <p>More tasks could not be loaded.</p>
          <Button variant="secondary" onClick={() => void loadMore()}>
            Try again
          </Button>
        </div>
      ) : null}
      {hasNextPage && !isFetchNextPageError ? (
        <div ref={loadMoreRef} className={styles.loadMore}>
          <Button variant="secondary" aria-disabled={isFetchingNextPage || undefined} onClick={() => void loadMore()}>
            {isFetchingNextPage ? 'Loading more tasks…' : 'Load more tasks'}
          </Button>
        </div>
      ) : null}
    </>
  );
}
