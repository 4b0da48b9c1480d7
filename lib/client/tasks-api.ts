import type { Recurrence } from '@/lib/recurrence/rules';
import type { Priority, Task } from '@/lib/tasks/schema';
import { apiFetch } from './api';
import { expectShape, isItemsOf, isRecord } from './response-guards';
import { isParsedTaskText, isTagCount, isTask, isTaskPage, type ParsedTaskText, type TagCount, type TaskPage } from './task-guards';

/**
 * The HTTP calls of tasks and tags (SPEC §2, §6.2), each answer checked before it is used; caching
 * lives in lib/query/task-*.ts. Names say the request (`postTask`, `patchTask`), apart from the
 * server's repository.
 */

export type NewTask = {
  readonly title: string;
  readonly description: string | null;
  readonly dueDate: string | null;
  readonly priority: Priority;
  /** Where it goes; the server's default is the Inbox. */
  readonly listId?: string;
  /** HH:MM, only with a dueDate. */
  readonly dueTime?: string | null;
  readonly tags?: readonly string[];
  /** Only with a dueDate (the rule's first occurrence). */
  readonly recurrence?: Recurrence | null;
};

/** New subtasks have no id yet: the server gives them one. */
export type SubtaskDraft = { readonly id?: string; readonly title: string; readonly completed: boolean };

export type TaskChanges = Partial<
  Pick<Task, 'title' | 'description' | 'dueDate' | 'dueTime' | 'priority' | 'completed' | 'listId' | 'tags' | 'position' | 'recurrence'> & {
    readonly subtasks: readonly SubtaskDraft[];
  }
>;

export function taskPath(id: string): string {
  return `/api/tasks/${encodeURIComponent(id)}`;
}

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

/** One page of `GET /api/tasks` for the given query (status, view, listId, tag, sort, q, label, limit). */
export async function fetchTaskPage(query: Readonly<Record<string, string>>, cursor: string | null, signal?: AbortSignal): Promise<TaskPage> {
  const params = new URLSearchParams(query);
  if (cursor) params.set('cursor', cursor);
  return expectShape(await apiFetch(`/api/tasks?${params.toString()}`, withSignal(signal)), isTaskPage, 'a page of tasks');
}

export async function fetchTask(id: string, signal?: AbortSignal): Promise<Task> {
  return expectShape(await apiFetch(taskPath(id), withSignal(signal)), isTask, 'a task');
}

export async function postTask(input: NewTask): Promise<Task> {
  return expectShape(await apiFetch('/api/tasks', { method: 'POST', body: input }), isTask, 'a task');
}

/** A creation safe to send again: the same key gets the first answer, never a second task (SPEC §6.4). */
export async function postTaskOnce(input: NewTask, idempotencyKey: string): Promise<Task> {
  return expectShape(await apiFetch('/api/tasks', { method: 'POST', body: input, headers: { 'Idempotency-Key': idempotencyKey } }), isTask, 'a task');
}

/** A conditional update: the server answers 412 when the task changed since `version`. */
export async function patchTask(id: string, changes: TaskChanges, version: number): Promise<Task> {
  const answer = await apiFetch(taskPath(id), { method: 'PATCH', body: changes, headers: { 'If-Match': `"${version}"` } });
  return expectShape(answer, isTask, 'a task');
}

/** Moves a recurring task to its next occurrence without completing it; 412 when `version` is stale. */
export async function postTaskSkip(id: string, version: number): Promise<Task> {
  const answer = await apiFetch(`${taskPath(id)}/skip`, { method: 'POST', headers: { 'If-Match': `"${version}"` } });
  return expectShape(answer, isTask, 'a task');
}

export async function sendTaskDelete(id: string): Promise<void> {
  await apiFetch(taskPath(id), { method: 'DELETE' });
}

/** For a page that is going away: a keepalive request outlives the document that sent it. */
export function sendTaskDeleteWhileLeaving(id: string): void {
  void fetch(taskPath(id), { method: 'DELETE', keepalive: true, credentials: 'same-origin' }).catch(() => undefined);
}

/** Quick add's reading of a line; it saves nothing. */
export async function postTaskText(text: string, signal?: AbortSignal): Promise<ParsedTaskText> {
  return expectShape(await apiFetch('/api/tasks/parse', { method: 'POST', body: { text }, ...withSignal(signal) }), isParsedTaskText, 'a reading of the text');
}

export async function fetchTags(signal?: AbortSignal): Promise<TagCount[]> {
  return expectShape(await apiFetch('/api/tags', withSignal(signal)), (value) => isItemsOf(value, isTagCount), 'the tags').items;
}

/** Renames a tag on every task the person may edit; resolves with how many changed. */
export async function postTagRename(from: string, to: string): Promise<number> {
  const answer = await apiFetch('/api/tags/rename', { method: 'POST', body: { from, to } });
  return expectShape(answer, (value): value is { renamed: number } => isRecord(value) && typeof value.renamed === 'number', 'the rename').renamed;
}

/** Takes a tag off every task the person may edit (the tasks stay). */
export async function sendTagDelete(name: string): Promise<number> {
  const answer = await apiFetch(`/api/tags/${encodeURIComponent(name)}`, { method: 'DELETE' });
  return expectShape(answer, (value): value is { removed: number } => isRecord(value) && typeof value.removed === 'number', 'the removal').removed;
}
