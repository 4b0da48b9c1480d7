'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback, useOptimistic, useRef, useState, useTransition } from 'react';
import { cachedTask } from '@/lib/query/task-cache';
import { sortOf, type TaskFilters } from '@/lib/query/task-filters';
import type { Task } from '@/lib/tasks/schema';
import { useList } from '@/components/lists/use-lists';
import { roleAllows } from '@/components/lists/rights';
import { Button } from '@/components/ui/button';
import { CompletedTasks } from './completed-tasks';
import { useToday } from './use-today';
import { focusNewTaskTitle } from './focus';
import { SortMenu } from './sort-menu';
import { TaskList } from './task-list';
import { TaskPanelHost, useOpenTask } from './task-panel-host';
import { TaskSearch, useSearchBox } from './task-search';
import { useTaskWorkspace } from './task-workspace';
import { tasksHref } from './tasks-href';
import { useRowKeys } from './use-row-keys';
import { useTaskMoves } from './use-task-moves';
import styles from './tasks.module.css';

/** The id of the row next to a task's, where focus goes if it leaves. */
function neighbourRowId(taskId: string): string | null {
  const row = document.querySelector<HTMLElement>(`li[data-task-id="${CSS.escape(taskId)}"]`);
  const next = row?.nextElementSibling ?? row?.previousElementSibling;
  return next instanceof HTMLElement ? (next.dataset.taskId ?? null) : null;
}

type TaskBrowserProps = {
  /** The filters of the current URL, as the server parsed them. */
  readonly filters: TaskFilters;
  readonly serverToday: string | null;
};

/** Search, sort, the open tasks, the completed ones tucked away, and the details panel. Filters live in the URL. */
export function TaskBrowser({ filters, serverToday }: TaskBrowserProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const { scheduleDelete } = useTaskWorkspace();
  const [isNavigating, startTransition] = useTransition();
  const [shownFilters, setShownFilters] = useOptimistic(filters);
  const today = useToday(serverToday);
  const { openId, open, close } = useOpenTask();
  const [openTasks, setOpenTasks] = useState<{ readonly tasks: readonly Task[]; readonly hasMore: boolean }>({ tasks: [], hasMore: false });
  const containerRef = useRef<HTMLDivElement>(null);
  const moves = useTaskMoves(openTasks.tasks);

  const navigate = useCallback(
    (next: TaskFilters, history: 'push' | 'replace') => {
      startTransition(() => {
        setShownFilters(next);
        router[history](tasksHref(next), { scroll: false });
      });
    },
    [router, setShownFilters],
  );

  const searchBox = useSearchBox(filters, shownFilters, navigate);
  // Typed ahead of the URL: the rows follow the box at once, the server's answer comes after the pause.
  const typing = searchBox.typed !== filters.q;
  const shownSearch: TaskFilters = typing ? { ...filters, q: searchBox.typed } : filters;

  const openFilters: TaskFilters = { ...shownSearch, status: 'open' };
  const doneFilters: TaskFilters = { ...filters, status: 'done', sort: null };
  const sort = sortOf(openFilters);
  const manual = sort === 'manual' && !filters.q && !filters.label;
  const showList = filters.listId === null;

  useRowKeys(containerRef, {
    onOpen: open,
    onDelete: (taskId) => {
      const task = cachedTask(queryClient, taskId);
      if (task) scheduleDelete(task, { focusUndo: false, neighborId: neighbourRowId(taskId) });
    },
    ...(manual ? { onMove: moves.step } : {}),
  });

  const onTasks = useCallback((tasks: readonly Task[], hasMore: boolean) => setOpenTasks({ tasks, hasMore }), []);

  return (
    <>
      <div className={styles.toolbar}>
        <TaskSearch box={searchBox} />
        <SortMenu value={sortOf({ ...shownFilters, status: 'open' })} manual={filters.listId !== null && !filters.tag} onChange={(next) => navigate({ ...shownFilters, sort: next }, 'replace')} />
      </div>
      {shownFilters.label ? (
        <p className={styles.activeLabel}>
          <span>
            Label: <span className={styles.labelChip}>{shownFilters.label}</span>
          </span>
          <Button variant="secondary" onClick={() => navigate({ ...shownFilters, label: '' }, 'replace')}>
            Clear label filter
          </Button>
        </p>
      ) : null}
      <div ref={containerRef} className={isNavigating ? `${styles.listArea} ${styles.busy}` : styles.listArea} aria-busy={isNavigating || undefined}>
        <p role="status" className={styles.count}>
          {countText(openTasks.tasks.length, openTasks.hasMore, shownSearch, typing)}
        </p>
        <TaskList
          filters={openFilters}
          today={today}
          label="Tasks"
          showList={showList}
          onOpen={open}
          onTasks={onTasks}
          onDragMove={manual && !typing ? moves.moveTo : undefined}
          typing={typing}
          empty={typing ? <p className={styles.searching}>Searching…</p> : <EmptyState filters={filters} onClearSearch={() => navigate({ ...shownFilters, q: '' }, 'replace')} />}
        />
        <CompletedTasks filters={doneFilters} today={today} showList={showList} onOpen={open} />
      </div>
      <TaskPanelHost openId={openId} filters={filters} onClose={close} />
    </>
  );
}

/** Honest counts: exact when every page is loaded, "shown" while more may exist or the server is still searching. */
function countText(count: number, hasMore: boolean, { q, label }: TaskFilters, searching: boolean): string {
  const noun = `${count} open ${count === 1 ? 'task' : 'tasks'}`;
  const matching = `${q ? ` matching “${q}”` : ''}${label ? ` labelled “${label}”` : ''}`;
  if (searching) return `${noun}${matching} shown, searching…`;
  return hasMore ? `${noun}${matching} shown, more to load` : `${noun}${matching}`;
}

function EmptyState({ filters, onClearSearch }: { readonly filters: TaskFilters; readonly onClearSearch: () => void }) {
  const list = useList(filters.listId);
  if (filters.label && !filters.q) {
    return (
      <div className={styles.empty}>
        <p className={styles.emptyTitle}>No open tasks have a photo labelled “{filters.label}”.</p>
      </div>
    );
  }
  if (filters.q) {
    return (
      <div className={styles.empty}>
        <p className={styles.emptyTitle}>No open tasks match “{filters.q}”.</p>
        <Button variant="secondary" onClick={onClearSearch}>
          Clear search
        </Button>
      </div>
    );
  }
  if (filters.tag) {
    return (
      <div className={styles.empty}>
        <p className={styles.emptyTitle}>No open tasks tagged “{filters.tag}”.</p>
      </div>
    );
  }
  if (list && !roleAllows(list.role, 'edit')) {
    return (
      <div className={styles.empty}>
        <p className={styles.emptyTitle}>Nothing to do in “{list.name}”.</p>
      </div>
    );
  }
  return (
    <div className={styles.empty}>
      <p className={styles.emptyTitle}>{list ? `Nothing to do in “${list.name}”.` : 'Nothing to do.'}</p>
      <p>Write down the first thing you want to get done.</p>
      <Button onClick={focusNewTaskTitle}>Add your first task</Button>
    </div>
  );
}
