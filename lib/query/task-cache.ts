import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { Attachment, Task } from '@/lib/tasks/schema';
import { listKeys } from './lists';
import { DEFAULT_TASK_FILTERS, sortOf, taskMatchesFilters, type TaskFilters } from './task-filters';
import { tagKeys, taskKeys, type TaskListData } from './task-queries';

/** Edits of the cached task lists: what a mutation shows before the server answers, and its rollback. */

/** Every task mutation carries this key, so "is another one still running?" is one lookup. */
export const TASK_MUTATION_KEY = [...taskKeys.all, 'mutation'] as const;

function keyPart(key: QueryKey): Partial<TaskFilters> & { readonly view?: unknown } {
  return (key[2] ?? {}) as Partial<TaskFilters> & { readonly view?: unknown };
}

function filtersOfKey(key: QueryKey): TaskFilters {
  return { ...DEFAULT_TASK_FILTERS, ...keyPart(key) };
}

/** A date view is ordered by due date and holds only some dates: it gets new tasks by refetching. */
function isDateViewKey(key: QueryKey): boolean {
  return typeof keyPart(key).view === 'string';
}

export type ListSnapshot = ReadonlyArray<readonly [QueryKey, TaskListData | undefined]>;

export function snapshotLists(queryClient: QueryClient): ListSnapshot {
  return queryClient.getQueriesData<TaskListData>({ queryKey: taskKeys.lists() });
}

export function restoreLists(queryClient: QueryClient, snapshot: ListSnapshot): void {
  for (const [key, data] of snapshot) queryClient.setQueryData(key, data);
}

/** Rewrites the items of every cached list, page by page. */
function editLists(queryClient: QueryClient, edit: (items: readonly Task[], filters: TaskFilters) => readonly Task[]): void {
  for (const [key, data] of snapshotLists(queryClient)) {
    if (!data) continue;
    const filters = filtersOfKey(key);
    queryClient.setQueryData<TaskListData>(key, { ...data, pages: data.pages.map((page) => ({ ...page, items: edit(page.items, filters) })) });
  }
}

/** The task as the cache holds it now: the newest version any list or the detail query knows. */
export function cachedTask(queryClient: QueryClient, id: string): Task | undefined {
  let newest = queryClient.getQueryData<Task>(taskKeys.detail(id));
  for (const [, data] of snapshotLists(queryClient)) {
    const found = data?.pages.flatMap((page) => page.items).find((task) => task.id === id);
    if (found && (!newest || found.version > newest.version)) newest = found;
  }
  return newest;
}

/** Puts a new task where each list that shows it would: first when newest first, last in manual order. */
export function addCachedTask(queryClient: QueryClient, task: Task): void {
  for (const [key, data] of snapshotLists(queryClient)) {
    if (!data || isDateViewKey(key)) continue;
    const filters = filtersOfKey(key);
    // A list that already shows it (a sync delivering a task this tab created) keeps its one copy.
    if (!taskMatchesFilters(task, filters) || data.pages.some((page) => page.items.some((item) => item.id === task.id))) continue;
    const sort = sortOf(filters);
    const last = data.pages.length - 1;
    if (sort === 'created') {
      queryClient.setQueryData<TaskListData>(key, { ...data, pages: data.pages.map((page, index) => (index === 0 ? { ...page, items: [task, ...page.items] } : page)) });
    } else if (sort === 'manual' && data.pages[last]?.nextCursor === null) {
      queryClient.setQueryData<TaskListData>(key, { ...data, pages: data.pages.map((page, index) => (index === last ? { ...page, items: [...page.items, task] } : page)) });
    }
  }
}

/** Orders one page's tasks by manual position, the way the manual index does (ties by id). */
function byPosition(a: Task, b: Task): number {
  const left = `${a.position}#${a.id}`;
  const right = `${b.position}#${b.id}`;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Replaces a task wherever it is (a list it no longer matches drops it); manual lists keep their order. */
export function replaceCachedTask(queryClient: QueryClient, id: string, next: Task): void {
  editLists(queryClient, (items, filters) => {
    const replaced = items.flatMap((task) => (task.id !== id ? [task] : taskMatchesFilters(next, filters) ? [next] : []));
    return sortOf(filters) === 'manual' && !filters.q && !filters.label ? [...replaced].sort(byPosition) : replaced;
  });
  if (queryClient.getQueryData(taskKeys.detail(id))) queryClient.setQueryData(taskKeys.detail(id), next);
}

/** A fresher copy fetched on its own (the details panel) replaces older copies in the lists. */
export function adoptFetchedTask(queryClient: QueryClient, fresh: Task): void {
  editLists(queryClient, (items, filters) =>
    items.some((task) => task.id === fresh.id && task.version < fresh.version)
      ? items.flatMap((task) => (task.id !== fresh.id ? [task] : taskMatchesFilters(fresh, filters) ? [fresh] : []))
      : items,
  );
}

/** Rewrites the attachments of a task wherever it is cached. */
export function editCachedAttachments(queryClient: QueryClient, taskId: string, edit: (attachments: readonly Attachment[]) => readonly Attachment[]): void {
  const current = cachedTask(queryClient, taskId);
  if (current) replaceCachedTask(queryClient, taskId, { ...current, attachments: edit(current.attachments) });
}

/**
 * A task as sync delivered it: kept only when newer than the cached copy (the client keeps the higher
 * version), replacing it wherever it shows, and added where it now belongs unless `insert` is false.
 * Returns whether anything changed.
 */
export function mergeSyncedTask(queryClient: QueryClient, task: Task, { insert }: { readonly insert: boolean }): boolean {
  const current = cachedTask(queryClient, task.id);
  if (current && current.version >= task.version) return false;
  if (current) replaceCachedTask(queryClient, task.id, task);
  if (insert) insertWhereLoaded(queryClient, task);
  return true;
}

/** The list with `task` put at a place in the flat order of its loaded pages (at a page's end, in that page). */
function insertAt(data: TaskListData, flatIndex: number, task: Task): TaskListData {
  let start = 0;
  let inserted = false;
  const pages = data.pages.map((page) => {
    const end = start + page.items.length;
    const at = flatIndex - start;
    start = end;
    if (inserted || flatIndex > end) return page;
    inserted = true;
    return { ...page, items: [...page.items.slice(0, at), task, ...page.items.slice(at)] };
  });
  return { ...data, pages };
}

/**
 * A task sync delivered that a list does not show yet goes where the list would have it, but only
 * within the pages loaded so far: one that sorts past them is on a page not fetched yet (a sync
 * re-delivers changes inside its safety lag, and those are not new), and stays there.
 */
function insertWhereLoaded(queryClient: QueryClient, task: Task): void {
  for (const [key, data] of snapshotLists(queryClient)) {
    if (!data || isDateViewKey(key)) continue;
    const filters = filtersOfKey(key);
    if (filters.status !== 'open' || !taskMatchesFilters(task, filters)) continue;
    const items = data.pages.flatMap((page) => page.items);
    if (items.some((item) => item.id === task.id)) continue;
    const complete = data.pages[data.pages.length - 1]?.nextCursor === null;
    const sort = sortOf(filters);
    let index = -1;
    if (sort === 'created') index = items.findIndex((item) => item.createdAt < task.createdAt);
    else if (sort === 'manual' && !filters.q && !filters.label) index = items.findIndex((item) => byPosition(task, item) < 0);
    else continue;
    if (index < 0 && complete) index = items.length;
    if (index >= 0) queryClient.setQueryData<TaskListData>(key, insertAt(data, index, task));
  }
}

/** A list the person lost (deleted, removed, left): its tasks leave every cached view. */
export function removeCachedTasksOfList(queryClient: QueryClient, listId: string): void {
  editLists(queryClient, (items) => items.filter((task) => task.listId !== listId));
}

export function removeCachedTask(queryClient: QueryClient, id: string): void {
  editLists(queryClient, (items) => items.filter((task) => task.id !== id));
  queryClient.removeQueries({ queryKey: taskKeys.detail(id) });
}

/**
 * Refetches the task lists, the lists' counts and the tags, unless another task mutation is still
 * running: its optimistic state would flicker.
 */
export async function invalidateListsWhenIdle(queryClient: QueryClient): Promise<void> {
  if (queryClient.isMutating({ mutationKey: TASK_MUTATION_KEY }) > 1) return;
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: taskKeys.lists() }),
    queryClient.invalidateQueries({ queryKey: listKeys.mine() }),
    queryClient.invalidateQueries({ queryKey: tagKeys.all }),
  ]);
}
