import {
  infiniteQueryOptions,
  mutationOptions,
  queryOptions,
  type InfiniteData,
  type QueryClient,
  type QueryKey,
} from '@tanstack/react-query';
import { ApiError, apiFetch } from '@/lib/client/api';
import type { Attachment, Priority, StatusFilter, Task } from '@/lib/tasks/schema';
import { listKeys } from './lists';

/**
 * React Query for tasks: one key factory, the query options shared by the server prefetch and the
 * client hooks, and optimistic mutations (snapshot in onMutate, roll back on error, invalidate when settled).
 */

/** `label` is a lower-cased attachment label ('' for none); `listId` null spans every list the person can see. */
export type TaskFilters = { readonly status: StatusFilter; readonly q: string; readonly label: string; readonly listId: string | null };
export type TaskPage = { readonly items: readonly Task[]; readonly nextCursor: string | null };
export type TaskListData = InfiniteData<TaskPage, string | null>;

export type NewTask = {
  readonly title: string;
  readonly description: string | null;
  readonly dueDate: string | null;
  readonly priority: Priority;
  /** Where it goes; the server's default is the Inbox. */
  readonly listId?: string;
  /** HH:MM, only with a dueDate (quick add). */
  readonly dueTime?: string | null;
  readonly tags?: readonly string[];
};
export type TaskChanges = Partial<Pick<Task, 'title' | 'description' | 'dueDate' | 'priority' | 'completed' | 'listId'>>;

export const TASK_PAGE_SIZE = 20;
export const DEFAULT_TASK_FILTERS: TaskFilters = { status: 'all', q: '', label: '', listId: null };

export const taskKeys = {
  all: ['tasks'] as const,
  lists: () => [...taskKeys.all, 'list'] as const,
  list: (filters: TaskFilters) =>
    [...taskKeys.lists(), { status: filters.status, q: filters.q, label: filters.label, listId: filters.listId }] as const,
  details: () => [...taskKeys.all, 'detail'] as const,
  detail: (id: string) => [...taskKeys.details(), id] as const,
};

/** Every task mutation carries this key, so "is another one still running?" is one lookup. */
const TASK_MUTATION_KEY = [...taskKeys.all, 'mutation'] as const;

// ---------- Fetchers ----------

function taskPath(id: string): string {
  return `/api/tasks/${encodeURIComponent(id)}`;
}

/** The query of a first page: the client's fetch and the server's prefetch both read it, so they ask for the same page. */
export function taskListQuery({ status, q, label, listId }: TaskFilters): Readonly<Record<string, string>> {
  return {
    status,
    limit: String(TASK_PAGE_SIZE),
    ...(q ? { q } : {}),
    ...(label ? { label } : {}),
    ...(listId ? { listId } : {}),
    // Inside one list open tasks default to manual order; this page shows newest first everywhere.
    ...(listId && status === 'open' ? { sort: 'created' } : {}),
  };
}

function taskListPath(filters: TaskFilters, cursor: string | null): string {
  const params = new URLSearchParams(taskListQuery(filters));
  if (cursor) params.set('cursor', cursor);
  return `/api/tasks?${params.toString()}`;
}

export async function fetchTaskPage(filters: TaskFilters, cursor: string | null, signal?: AbortSignal): Promise<TaskPage> {
  return (await apiFetch(taskListPath(filters, cursor), signal ? { signal } : {})) as TaskPage;
}

export async function fetchTask(id: string, signal?: AbortSignal): Promise<Task> {
  return (await apiFetch(taskPath(id), signal ? { signal } : {})) as Task;
}

export async function createTask(input: NewTask): Promise<Task> {
  return (await apiFetch('/api/tasks', { method: 'POST', body: input })) as Task;
}

/** A conditional update: the server answers 412 when the task changed since `version`. */
export async function updateTask(id: string, changes: TaskChanges, version: number): Promise<Task> {
  return (await apiFetch(taskPath(id), { method: 'PATCH', body: changes, headers: { 'If-Match': `"${version}"` } })) as Task;
}

export async function deleteTask(id: string): Promise<void> {
  await apiFetch(taskPath(id), { method: 'DELETE' });
}

/** For a page that is going away: a keepalive request outlives the document that sent it. */
export function deleteTaskWhileLeaving(id: string): void {
  void fetch(taskPath(id), { method: 'DELETE', keepalive: true, credentials: 'same-origin' }).catch(() => undefined);
}

// ---------- Query options ----------

export function taskListOptions(filters: TaskFilters) {
  return infiniteQueryOptions({
    queryKey: taskKeys.list(filters),
    queryFn: ({ pageParam, signal }) => fetchTaskPage(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last: TaskPage) => last.nextCursor,
  });
}

/** The date views across every list: Today (overdue and due today) and Upcoming (the next 7 days), open tasks by due date. */
export type DateView = 'today' | 'upcoming';

function isDateViewKey(key: QueryKey): boolean {
  return typeof (key[2] as { view?: unknown } | undefined)?.view === 'string';
}

/** Kept under taskKeys.lists(), so completing, editing and deleting update and refetch it like any list. */
export function taskViewOptions(view: DateView) {
  return infiniteQueryOptions({
    queryKey: [...taskKeys.lists(), { ...DEFAULT_TASK_FILTERS, status: 'open' as StatusFilter, view }] as const,
    queryFn: async ({ pageParam, signal }) => {
      const params = new URLSearchParams({ view, limit: '100' });
      if (pageParam) params.set('cursor', pageParam);
      return (await apiFetch(`/api/tasks?${params.toString()}`, { signal })) as TaskPage;
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last: TaskPage) => last.nextCursor,
  });
}

export function taskDetailOptions(id: string) {
  return queryOptions({
    queryKey: taskKeys.detail(id),
    queryFn: ({ signal }) => fetchTask(id, signal),
    staleTime: 0,
  });
}

/** The data a list query holds after its first page was fetched somewhere else (the server). */
export function firstPageData(page: TaskPage): TaskListData {
  return { pages: [page], pageParams: [null] };
}

// ---------- Cache helpers ----------

/**
 * The client-side twin of the server's filters: status, `q` in title or description, ignoring case,
 * and `label` among the attachments' labels, ignoring case.
 */
export function taskMatchesFilters(
  task: Pick<Task, 'title' | 'description' | 'completed'> & { readonly attachments?: readonly Attachment[]; readonly listId?: string },
  filters: TaskFilters,
): boolean {
  if (filters.listId && task.listId !== undefined && task.listId !== filters.listId) return false;
  if (filters.status === 'open' && task.completed) return false;
  if (filters.status === 'done' && !task.completed) return false;
  const label = filters.label.trim().toLowerCase();
  if (label && !(task.attachments ?? []).some((attachment) => attachment.labels.some((l) => l.name.toLowerCase() === label))) {
    return false;
  }
  const q = filters.q.trim().toLowerCase();
  return q === '' || `${task.title}\n${task.description ?? ''}`.toLowerCase().includes(q);
}

function filtersOfKey(key: QueryKey): TaskFilters {
  const filters = key[2] as Partial<TaskFilters> | undefined;
  return { status: filters?.status ?? 'all', q: filters?.q ?? '', label: filters?.label ?? '', listId: filters?.listId ?? null };
}

type ListSnapshot = ReadonlyArray<readonly [QueryKey, TaskListData | undefined]>;

function snapshotLists(queryClient: QueryClient): ListSnapshot {
  return queryClient.getQueriesData<TaskListData>({ queryKey: taskKeys.lists() });
}

function restoreLists(queryClient: QueryClient, snapshot: ListSnapshot): void {
  for (const [key, data] of snapshot) queryClient.setQueryData(key, data);
}

/** Rewrites the items of every cached list, page by page. */
function editLists(
  queryClient: QueryClient,
  edit: (items: readonly Task[], filters: TaskFilters, pageIndex: number) => readonly Task[],
): void {
  for (const [key, data] of snapshotLists(queryClient)) {
    if (!data) continue;
    const filters = filtersOfKey(key);
    queryClient.setQueryData<TaskListData>(key, {
      ...data,
      pages: data.pages.map((page, index) => ({ ...page, items: edit(page.items, filters, index) })),
    });
  }
}

/** The task as the cache holds it now (the newest version we know). */
export function cachedTask(queryClient: QueryClient, id: string): Task | undefined {
  for (const [, data] of snapshotLists(queryClient)) {
    const found = data?.pages.flatMap((page) => page.items).find((task) => task.id === id);
    if (found) return found;
  }
  return undefined;
}

/** Puts a task first in every list it belongs to (lists are newest first). */
function insertTask(queryClient: QueryClient, task: Task): void {
  // A date view is ordered by due date and holds only some dates: it gets the task by refetching.
  for (const [key, data] of snapshotLists(queryClient)) {
    if (!data || isDateViewKey(key)) continue;
    const filters = filtersOfKey(key);
    if (!taskMatchesFilters(task, filters)) continue;
    queryClient.setQueryData<TaskListData>(key, {
      ...data,
      pages: data.pages.map((page, index) => (index === 0 ? { ...page, items: [task, ...page.items] } : page)),
    });
  }
}

/** Replaces a task wherever it is; a list it no longer matches drops it. */
function replaceTask(queryClient: QueryClient, id: string, next: Task): void {
  editLists(queryClient, (items, filters) =>
    items.flatMap((task) => (task.id !== id ? [task] : taskMatchesFilters(next, filters) ? [next] : [])),
  );
}

/** Rewrites the attachments of a task wherever it is cached (a list it no longer matches drops it). */
export function editTaskAttachments(
  queryClient: QueryClient,
  taskId: string,
  edit: (attachments: readonly Attachment[]) => readonly Attachment[],
): void {
  const current = cachedTask(queryClient, taskId);
  if (current) replaceTask(queryClient, taskId, { ...current, attachments: edit(current.attachments) });
}

export function removeTask(queryClient: QueryClient, id: string): void {
  editLists(queryClient, (items) => items.filter((task) => task.id !== id));
}

/**
 * Refetches the task lists and the lists' counts, unless another task mutation is still running: its
 * optimistic state would flicker.
 */
async function invalidateListsWhenIdle(queryClient: QueryClient): Promise<void> {
  if (queryClient.isMutating({ mutationKey: TASK_MUTATION_KEY }) > 1) return;
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: taskKeys.lists() }),
    queryClient.invalidateQueries({ queryKey: listKeys.mine() }),
  ]);
}

// ---------- Mutations ----------

let temporaryIds = 0;

/** Tasks shown before the server has answered carry an id the server never issues. */
export function isUnsavedTask(task: Task): boolean {
  return task.id.startsWith('unsaved-');
}

export function createTaskMutation(queryClient: QueryClient) {
  return mutationOptions({
    mutationKey: [...TASK_MUTATION_KEY, 'create'],
    mutationFn: createTask,
    onMutate: async (input: NewTask) => {
      await queryClient.cancelQueries({ queryKey: taskKeys.lists() });
      const snapshot = snapshotLists(queryClient);
      const now = new Date().toISOString();
      temporaryIds += 1;
      const optimistic: Task = {
        id: `unsaved-${temporaryIds}`,
        ...input,
        // Filled in by the server's answer; the list view shows the task at once meanwhile.
        listId: input.listId ?? '',
        dueTime: input.dueTime ?? null,
        tags: input.tags ?? [],
        subtasks: [],
        position: '',
        recurrence: null,
        completedAt: null,
        createdBy: '',
        completed: false,
        createdAt: now,
        updatedAt: now,
        version: 0,
        attachments: [],
      };
      insertTask(queryClient, optimistic);
      return { snapshot, optimisticId: optimistic.id };
    },
    onSuccess: (task, _input, context) => replaceTask(queryClient, context.optimisticId, task),
    onError: (_error, _input, context) => {
      if (context) restoreLists(queryClient, context.snapshot);
    },
    onSettled: () => invalidateListsWhenIdle(queryClient),
  });
}

export type UpdateTaskVariables = {
  /** The task as the person saw it when they changed it. */
  readonly task: Task;
  readonly changes: TaskChanges;
};

/**
 * Updates of one task run one after another (scope), each sending If-Match with the newest version
 * the cache knows, so quick successive edits in this tab never conflict with each other.
 * A 412 or 404 means another tab or device got there first: the fresh task (or its absence) replaces ours.
 */
export function updateTaskMutation(queryClient: QueryClient, taskId: string) {
  return mutationOptions({
    mutationKey: [...TASK_MUTATION_KEY, 'update'],
    scope: { id: `task:${taskId}` },
    mutationFn: ({ task, changes }: UpdateTaskVariables) =>
      updateTask(task.id, changes, cachedTask(queryClient, task.id)?.version ?? task.version),
    onMutate: async ({ task, changes }: UpdateTaskVariables) => {
      await queryClient.cancelQueries({ queryKey: taskKeys.lists() });
      const snapshot = snapshotLists(queryClient);
      const current = cachedTask(queryClient, task.id) ?? task;
      replaceTask(queryClient, task.id, { ...current, ...changes });
      return { snapshot };
    },
    onSuccess: (saved, { task }) => {
      // Keep the optimistic fields (a later edit may already be showing); take the server's version.
      const current = cachedTask(queryClient, task.id);
      if (current && saved.version > current.version) {
        replaceTask(queryClient, task.id, { ...current, version: saved.version, updatedAt: saved.updatedAt });
      }
    },
    onError: async (error, { task }, context) => {
      if (context) restoreLists(queryClient, context.snapshot);
      if (!(error instanceof ApiError)) return;
      if (error.status === 404) removeTask(queryClient, task.id);
      if (error.status === 412) {
        const fresh = await queryClient.fetchQuery(taskDetailOptions(task.id)).catch(() => undefined);
        if (fresh) replaceTask(queryClient, task.id, fresh);
      }
    },
    onSettled: () => invalidateListsWhenIdle(queryClient),
  });
}

type DeleteHooks = {
  /** The task has left the cache (it is gone from every list). */
  readonly onRemoved?: (task: Task) => void;
};

/** Runs when the undo window has passed: the task is already hidden, now it leaves the cache too. */
export function deleteTaskMutation(queryClient: QueryClient, { onRemoved }: DeleteHooks = {}) {
  return mutationOptions({
    mutationKey: [...TASK_MUTATION_KEY, 'delete'],
    mutationFn: (task: Task) => deleteTask(task.id),
    onMutate: async (task: Task) => {
      await queryClient.cancelQueries({ queryKey: taskKeys.lists() });
      const snapshot = snapshotLists(queryClient);
      removeTask(queryClient, task.id);
      onRemoved?.(task);
      return { snapshot };
    },
    onError: (error, _task, context) => {
      // Already gone (deleted elsewhere) is what we wanted; anything else puts the task back.
      if (context && !isNotFound(error)) restoreLists(queryClient, context.snapshot);
    },
    onSettled: () => invalidateListsWhenIdle(queryClient),
  });
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

// ---------- Attachments ----------

export type PresignedUpload = { readonly url: string; readonly fields: Readonly<Record<string, string>>; readonly expiresAt: string };
export type StartedUpload = { readonly attachment: Attachment; readonly upload: PresignedUpload };

function attachmentsPath(taskId: string): string {
  return `${taskPath(taskId)}/attachments`;
}

/** Where the image is shown: the app answers with a redirect to a short-lived signed URL. */
export function attachmentPath(taskId: string, attachmentId: string): string {
  return `${attachmentsPath(taskId)}/${encodeURIComponent(attachmentId)}`;
}

export async function startAttachmentUpload(taskId: string, file: { fileName: string; contentType: string; size: number }): Promise<StartedUpload> {
  return (await apiFetch(attachmentsPath(taskId), { method: 'POST', body: file })) as StartedUpload;
}

export async function completeAttachment(taskId: string, attachmentId: string): Promise<Attachment> {
  return (await apiFetch(`${attachmentPath(taskId, attachmentId)}/complete`, { method: 'POST' })) as Attachment;
}

export async function deleteAttachment(taskId: string, attachmentId: string): Promise<void> {
  await apiFetch(attachmentPath(taskId, attachmentId), { method: 'DELETE' });
}
