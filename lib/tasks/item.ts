import type { Recurrence } from '../recurrence/rules';
import { tagKey } from './rules';
import type { Attachment, Priority, Subtask, Task } from './schema';

/**
 * How a task is stored in `todos` (docs/data-model.md): its fields plus one key attribute per index it
 * belongs in. `taskItem` derives every index key from the task, so no write can forget one. Plain code
 * (no server-only): the repository, the migration and the scale test's seeding all build items here.
 */

export type TaskItem = {
  user_id: string;
  todo_id: string;
  list_id: string;
  title: string;
  description?: string;
  completed: boolean;
  completedAt?: string;
  priority: Priority;
  dueDate?: string;
  dueTime?: string;
  tags?: string[];
  /** Lower-cased tags, what `tag=` matches. */
  tag_keys?: string[];
  subtasks?: Subtask[];
  position: string;
  /** {rule, from}; absent on a plain task. */
  recurrence?: Recurrence;
  createdAt: string;
  updatedAt: string;
  version: number;
  attachments?: Attachment[];
  /** Lower-cased title + description: DynamoDB's contains() is case-sensitive. */
  search_text: string;
  /** Lower-cased attachment labels, for the label filter. */
  label_names?: string[];
} & IndexKeys;

/** One attribute per index; absent (sparse) when the task is not in that index. */
export type IndexKeys = {
  list_created: string;
  open_created?: string;
  open_position?: string;
  open_due?: string;
  open_priority?: string;
  done_at?: string;
  change_seq: string;
};

export const INDEX_KEY_ATTRIBUTES = [
  'list_created',
  'open_created',
  'open_position',
  'open_due',
  'open_priority',
  'done_at',
  'change_seq',
] as const satisfies readonly (keyof IndexKeys)[];

const PRIORITY_RANK: Record<Priority, string> = { high: '1', medium: '2', low: '3' };
/** Sorts after every date: undated tasks come last in due order. */
const NO_DUE_DATE = '~';
/** Later than any HH:MM: a task due on a day without a time sorts after that day's timed tasks. */
const END_OF_DAY = '24:00';
const MAX_EPOCH_MS = 9_999_999_999_999;

/** Newest first inside a priority while the index is read in ascending order. */
function invertedTime(iso: string): string {
  return String(MAX_EPOCH_MS - Date.parse(iso)).padStart(13, '0');
}

/**
 * The greatest string an ASCII sort key below `key` can reach (its last character lowered, then
 * U+FFFF): an inclusive bound that means "strictly before `key`", for key conditions that allow one bound.
 */
export function justBelow(key: string): string {
  return `${key.slice(0, -1)}${String.fromCharCode(key.charCodeAt(key.length - 1) - 1)}\uffff`;
}

export function searchText(title: string, description: string | null): string {
  return `${title}\n${description ?? ''}`.toLowerCase();
}

/** The due-order key: date, time (end of day when none), then creation and id for a total order. */
export function dueKey(task: Pick<Task, 'dueDate' | 'dueTime' | 'createdAt' | 'id'>): string {
  const due = task.dueDate ? `${task.dueDate}T${task.dueTime ?? END_OF_DAY}` : NO_DUE_DATE;
  return `${due}#${task.createdAt}#${task.id}`;
}

export function indexKeys(task: Task): IndexKeys {
  const open = !task.completed;
  return {
    list_created: `${task.createdAt}#${task.id}`,
    ...(open
      ? {
          open_created: `${task.createdAt}#${task.id}`,
          open_position: `${task.position}#${task.id}`,
          open_due: dueKey(task),
          open_priority: `${PRIORITY_RANK[task.priority]}#${invertedTime(task.createdAt)}#${task.id}`,
        }
      : { done_at: `${task.completedAt ?? task.updatedAt}#${task.id}` }),
    change_seq: changeSeq(task.updatedAt, task.id, task.version),
  };
}

/** ListChangesIndex's key: when, which task, which version; a page ends at one and the next starts after it. */
export function changeSeq(at: string, taskId: string, version: number): string {
  return `${at}#${taskId}#${String(version).padStart(10, '0')}`;
}

/** Lower-cased, distinct label names of every attachment: what the `label` filter matches. */
export function labelNamesOf(attachments: readonly Attachment[]): string[] {
  return [...new Set(attachments.flatMap((attachment) => attachment.labels.map((label) => label.name.toLowerCase())))];
}

export function taskItem(task: Task): TaskItem {
  const labels = labelNamesOf(task.attachments);
  return {
    user_id: task.createdBy,
    todo_id: task.id,
    list_id: task.listId,
    title: task.title,
    ...(task.description !== null ? { description: task.description } : {}),
    completed: task.completed,
    ...(task.completedAt !== null ? { completedAt: task.completedAt } : {}),
    priority: task.priority,
    ...(task.dueDate !== null ? { dueDate: task.dueDate } : {}),
    ...(task.dueTime !== null ? { dueTime: task.dueTime } : {}),
    ...(task.tags.length > 0 ? { tags: [...task.tags], tag_keys: task.tags.map(tagKey) } : {}),
    ...(task.subtasks.length > 0 ? { subtasks: [...task.subtasks] } : {}),
    position: task.position,
    ...(task.recurrence !== null ? { recurrence: { rule: task.recurrence.rule, from: task.recurrence.from } } : {}),
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
    version: task.version,
    attachments: [...task.attachments],
    search_text: searchText(task.title, task.description),
    ...(labels.length > 0 ? { label_names: labels } : {}),
    ...indexKeys(task),
  };
}

export function toTask(item: Record<string, unknown>): Task {
  const row = item as TaskItem;
  return {
    id: row.todo_id,
    listId: row.list_id,
    title: row.title,
    description: row.description ?? null,
    completed: row.completed,
    priority: row.priority,
    dueDate: row.dueDate ?? null,
    dueTime: row.dueTime ?? null,
    tags: row.tags ?? [],
    subtasks: row.subtasks ?? [],
    position: row.position,
    recurrence: row.recurrence ? { rule: row.recurrence.rule, from: row.recurrence.from } : null,
    completedAt: row.completedAt ?? null,
    createdBy: row.user_id,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
    // Attachments stored before `labelling` existed: pending ones are pending, the rest were labelled.
    attachments: (row.attachments ?? []).map((attachment) => ({
      ...attachment,
      labelling: attachment.labelling ?? (attachment.status === 'pending' ? 'pending' : 'done'),
    })),
  };
}

/** A deleted task's item: only what sync needs to report the deletion, expiring after the retention. */
export const TOMBSTONE_RETENTION_SECONDS = 35 * 24 * 60 * 60;

export function tombstoneItem(task: Task, deletedAt: string, version: number) {
  return {
    user_id: task.createdBy,
    todo_id: task.id,
    list_id: task.listId,
    deleted: true,
    version,
    updatedAt: deletedAt,
    change_seq: changeSeq(deletedAt, task.id, version),
    expires_at: Math.floor(Date.parse(deletedAt) / 1000) + TOMBSTONE_RETENTION_SECONDS,
  };
}

/**
 * What a move leaves in the list it left: a move rewrites the one task item with its new `list_id`, so
 * the old list's ListChangesIndex would simply lose it and a device syncing only that list would never
 * learn. One marker per task and list left (`<taskId>#from#<listId>`, rewritten by the next move out),
 * a tombstone to every other read, kept as long as tombstones. Sync reads the task itself to decide.
 */
export function movedOutItem(moved: Task, fromListId: string) {
  return {
    user_id: moved.createdBy,
    todo_id: `${moved.id}#from#${fromListId}`,
    task_id: moved.id,
    list_id: fromListId,
    deleted: true,
    moved_out: true,
    version: moved.version,
    updatedAt: moved.updatedAt,
    change_seq: changeSeq(moved.updatedAt, moved.id, moved.version),
    expires_at: Math.floor(Date.parse(moved.updatedAt) / 1000) + TOMBSTONE_RETENTION_SECONDS,
  };
}

/** What sync learns from one ListChangesIndex item: a live task, a deletion, or a move out to check. */
export type ChangeEntry =
  | { readonly kind: 'task'; readonly task: Task }
  | { readonly kind: 'deleted'; readonly taskId: string; readonly version: number }
  | { readonly kind: 'moved'; readonly taskId: string; readonly createdBy: string; readonly version: number };

export function toChangeEntry(item: Record<string, unknown>): ChangeEntry {
  const version = Number(item.version);
  if (item.moved_out === true) return { kind: 'moved', taskId: String(item.task_id), createdBy: String(item.user_id), version };
  if (isTombstone(item)) return { kind: 'deleted', taskId: String(item.todo_id), version };
  return { kind: 'task', task: toTask(item) };
}

export function isTombstone(item: Record<string, unknown>): boolean {
  return item.deleted === true;
}
