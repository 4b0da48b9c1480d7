'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import {
  useCallback,
  useEffect,
  useMemo,
  useOptimistic,
  useRef,
  useState,
  useSyncExternalStore,
  useTransition,
  type FocusEvent,
  type FormEvent,
} from 'react';
import { ApiError } from '@/lib/client/api';
import { taskListOptions, type TaskFilters } from '@/lib/query/task-queries';
import type { StatusFilter, Task } from '@/lib/tasks/schema';
import { useList } from '@/components/lists/use-lists';
import { roleAllows } from '@/components/lists/rights';
import { Button } from '@/components/ui/button';
import { localToday, TIME_ZONE_COOKIE } from './dates';
import { focusNewTaskTitle, focusTaskOrNewTitle, taskCheckboxId } from './focus';
import { TaskItem } from './task-item';
import { useHiddenTaskIds } from './task-workspace';
import { tasksHref } from './tasks-href';
import styles from './tasks.module.css';

const SEARCH_DEBOUNCE_MS = 300;
const SKELETON_ROWS = 3;

const TABS: readonly { readonly status: StatusFilter; readonly label: string }[] = [
  { status: 'all', label: 'All' },
  { status: 'open', label: 'Open' },
  { status: 'done', label: 'Done' },
];


function subscribeToClock(onChange: () => void): () => void {
  const interval = window.setInterval(onChange, 60_000);
  document.addEventListener('visibilitychange', onChange);
  return () => {
    window.clearInterval(interval);
    document.removeEventListener('visibilitychange', onChange);
  };
}

/** The viewer's date; during hydration the server's guess (from the time-zone cookie) so the HTML matches. */
function useToday(serverToday: string | null): string | null {
  return useSyncExternalStore(subscribeToClock, localToday, () => serverToday);
}

type TaskBrowserProps = {
  /** The filters of the current URL, as the server parsed them. */
  readonly filters: TaskFilters;
  readonly serverToday: string | null;
};

/** Filter tabs, search and the list. Filters live in the URL; the list is the React Query cache. */
export function TaskBrowser({ filters, serverToday }: TaskBrowserProps) {
  const router = useRouter();
  const [isNavigating, startTransition] = useTransition();
  const [shownFilters, setShownFilters] = useOptimistic(filters);
  const today = useToday(serverToday);

  const navigate = useCallback(
    (next: TaskFilters, history: 'push' | 'replace') => {
      startTransition(() => {
        setShownFilters(next);
        router[history](tasksHref(next), { scroll: false });
      });
    },
    [router, setShownFilters],
  );

  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}`;
    if (zone && !document.cookie.split('; ').includes(cookie)) {
      document.cookie = `${cookie}; path=/; max-age=31536000; samesite=lax`;
    }
  }, []);

  return (
    <>
      <div className={styles.toolbar}>
        <nav aria-label="Filter tasks">
          <ul className={styles.tabs}>
            {TABS.map((tab) => {
              const target = { ...shownFilters, status: tab.status };
              return (
                <li key={tab.status}>
                  <Link
                    href={tasksHref(target)}
                    prefetch={false}
                    scroll={false}
                    className={styles.tab}
                    aria-current={shownFilters.status === tab.status ? 'page' : undefined}
                    onNavigate={(event) => {
                      event.preventDefault();
                      navigate(target, 'push');
                    }}
                  >
                    {tab.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <TaskSearch filters={filters} shownFilters={shownFilters} navigate={navigate} />
      </div>
      {shownFilters.label ? (
        <p className={styles.activeLabel}>
          <span>
            Label: <span className={styles.labelChip}>{shownFilters.label}</span>
          </span>
          <Button variant="secondary" className={styles.actionButton} onClick={() => navigate({ ...shownFilters, label: '' }, 'replace')}>
            Clear label filter
          </Button>
        </p>
      ) : null}
      <TaskList
        filters={filters}
        today={today}
        busy={isNavigating}
        onClearSearch={() => navigate({ ...shownFilters, q: '' }, 'replace')}
      />
    </>
  );
}

type TaskSearchProps = {
  readonly filters: TaskFilters;
  readonly shownFilters: TaskFilters;
  readonly navigate: (next: TaskFilters, history: 'push' | 'replace') => void;
};

/** Searches as you type (debounced); Enter searches at once. */
function TaskSearch({ filters, shownFilters, navigate }: TaskSearchProps) {
  const [text, setText] = useState(filters.q);
  // The search this box last asked for, and the URL's search it last saw: a change of the URL that
  // this box did not ask for (Back, Clear search) replaces what the box shows.
  const [requested, setRequested] = useState(filters.q);
  const [seen, setSeen] = useState(filters.q);
  if (filters.q !== seen) {
    setSeen(filters.q);
    if (filters.q !== requested) {
      setRequested(filters.q);
      setText(filters.q);
    }
  }

  const search = useCallback(
    (q: string) => {
      setRequested(q);
      navigate({ ...shownFilters, q }, 'replace');
    },
    [navigate, shownFilters],
  );

  useEffect(() => {
    const q = text.trim();
    if (q === requested) return;
    const timer = window.setTimeout(() => search(q), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, requested, search]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = text.trim();
    if (q !== requested) search(q);
  }

  return (
    <form role="search" className={styles.search} onSubmit={handleSubmit}>
      <label htmlFor="task-search" className="visually-hidden">
        Search tasks
      </label>
      <input
        id="task-search"
        type="search"
        className="input"
        placeholder="Search tasks"
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
    </form>
  );
}

type TaskListProps = {
  readonly filters: TaskFilters;
  readonly today: string | null;
  /** True while the next filters are on their way. */
  readonly busy: boolean;
  readonly onClearSearch: () => void;
};

function TaskList({ filters, today, busy, onClearSearch }: TaskListProps) {
  const hiddenIds = useHiddenTaskIds();
  const query = useInfiniteQuery(taskListOptions(filters));
  const { data, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = query;

  const tasks = useMemo(() => {
    const seen = new Set<string>();
    const visible: Task[] = [];
    for (const task of data?.pages.flatMap((page) => page.items) ?? []) {
      if (seen.has(task.id) || hiddenIds.has(task.id)) continue;
      seen.add(task.id);
      visible.push(task);
    }
    return visible;
  }, [data, hiddenIds]);

  const ids = useMemo(() => tasks.map((task) => task.id), [tasks]);
  const listEvents = useFocusKeptInList(ids);

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
    document.getElementById(taskCheckboxId(first.id))?.focus();
  }, [tasks]);

  async function loadMore() {
    focusIndexAfterLoad.current = tasks.length;
    const result = await fetchNextPage({ cancelRefetch: false });
    if (result.isError) focusIndexAfterLoad.current = null;
  }

  if (query.status === 'pending') {
    return (
      <div className={styles.listArea}>
        <p role="status" className={styles.count}>
          Loading tasks…
        </p>
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
      </div>
    );
  }

  if (query.status === 'error' && !data) {
    const detail = query.error instanceof ApiError ? query.error.detail : 'Something went wrong.';
    return (
      <div className={styles.listArea}>
        <div role="alert" className={styles.problem}>
          <p className={styles.problemTitle}>Your tasks could not be loaded.</p>
          <p>{detail}</p>
          <Button variant="secondary" onClick={() => void query.refetch()}>
            Retry
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className={busy ? `${styles.listArea} ${styles.busy}` : styles.listArea} aria-busy={busy || undefined}>
      <p role="status" className={styles.count}>
        {countText(tasks, hasNextPage, filters)}
      </p>
      {tasks.length === 0 ? (
        <EmptyState filters={filters} onClearSearch={onClearSearch} />
      ) : (
        <ul className={styles.list} aria-label="Tasks" {...listEvents}>
          {tasks.map((task, index) => (
            <TaskItem
              key={task.id}
              task={task}
              today={today}
              filters={filters}
              neighborId={tasks[index + 1]?.id ?? tasks[index - 1]?.id ?? null}
            />
          ))}
        </ul>
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
    </div>
  );
}

/** Honest counts: exact when every page is loaded, "shown" while more may exist. */
function countText(tasks: readonly Task[], hasMore: boolean, { status, q, label }: TaskFilters): string {
  const noun = (count: number) => `${count} ${status === 'open' ? 'open ' : status === 'done' ? 'done ' : ''}${count === 1 ? 'task' : 'tasks'}`;
  const matching = `${q ? ` matching “${q}”` : ''}${label ? ` labelled “${label}”` : ''}`;
  if (hasMore) return `${noun(tasks.length)}${matching} shown, more to load`;
  if (status === 'all' && !q && !label && tasks.length > 0) {
    const done = tasks.filter((task) => task.completed).length;
    return `${noun(tasks.length)}: ${tasks.length - done} open, ${done} done`;
  }
  return `${noun(tasks.length)}${matching}`;
}

function EmptyState({ filters, onClearSearch }: { readonly filters: TaskFilters; readonly onClearSearch: () => void }) {
  const list = useList(filters.listId);
  if (filters.label && !filters.q) {
    return (
      <div className={styles.empty}>
        <p className={styles.emptyTitle}>No tasks have a photo labelled “{filters.label}”.</p>
      </div>
    );
  }
  if (filters.q) {
    return (
      <div className={styles.empty}>
        <p className={styles.emptyTitle}>No tasks match “{filters.q}”.</p>
        <Button variant="secondary" onClick={onClearSearch}>
          Clear search
        </Button>
      </div>
    );
  }
  if (filters.status !== 'all') {
    return (
      <div className={styles.empty}>
        <p className={styles.emptyTitle}>{filters.status === 'open' ? 'Nothing left to do.' : 'No done tasks yet.'}</p>
        <Link href={tasksHref({ ...filters, status: 'all', q: '', label: '' })} className="button button-secondary">
          Show all tasks
        </Link>
      </div>
    );
  }
  if (list && !roleAllows(list.role, 'edit')) {
    return (
      <div className={styles.empty}>
        <p className={styles.emptyTitle}>No tasks in “{list.name}” yet.</p>
      </div>
    );
  }
  return (
    <div className={styles.empty}>
      <p className={styles.emptyTitle}>{list ? `No tasks in “${list.name}” yet.` : 'No tasks yet.'}</p>
      <p>Write down the first thing you want to get done.</p>
      <Button onClick={focusNewTaskTitle}>Add your first task</Button>
    </div>
  );
}

/**
 * When the focused task disappears (completed under "Open", deleted, edited out of a search), focus
 * would fall to the page; move it to the task that took its place instead.
 */
function useFocusKeptInList(ids: readonly string[]) {
  const focusedId = useRef<string | null>(null);
  const previousIds = useRef<readonly string[]>(ids);

  useEffect(() => {
    const lost = focusedId.current;
    const before = previousIds.current;
    previousIds.current = ids;
    if (!lost || ids.includes(lost)) return;
    const active = document.activeElement;
    if (active && active !== document.body) return;
    const index = before.indexOf(lost);
    const after = before.slice(index + 1).find((id) => ids.includes(id));
    const earlier = before.slice(0, Math.max(index, 0)).reverse().find((id) => ids.includes(id));
    const next = after ?? earlier ?? null;
    focusedId.current = next;
    focusTaskOrNewTitle(next);
  }, [ids]);

  return useMemo(
    () => ({
      onFocus: (event: FocusEvent<HTMLUListElement>) => {
        const item = event.target.closest<HTMLElement>('[data-task-id]');
        focusedId.current = item?.dataset.taskId ?? null;
      },
      onBlur: (event: FocusEvent<HTMLUListElement>) => {
        const next = event.relatedTarget;
        if (next instanceof Node && !event.currentTarget.contains(next)) focusedId.current = null;
      },
    }),
    [],
  );
}
