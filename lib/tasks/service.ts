import 'server-only';
import { randomUUID } from 'node:crypto';
import { generateKeyBetween } from 'fractional-indexing';
import { removeTaskObjects } from '../attachments/cleanup';
import { decodeCursor, encodeCursor, filtersKey } from '../cursor';
import { BadRequestError, ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../errors';
import { afterTaskWrite, cancelReminders } from '../reminders/service';
import { occurrenceCompleted, taskChanged, taskCreated, taskDeleted, type Actor } from '../events/build';
import { publishPending } from '../events/publisher';
import { accessList, type ListAccess } from '../lists/access';
import type { Right } from '../lists/schema';
import { visibleListIds } from '../lists/service';
import { indexKeys, type IndexKeys } from './item';
import { retryOnVersionConflict } from './conflicts';
import { mergedPage } from './merge';
import { assertRoomForOpenTasks } from './quota';
import { completedOccurrence, recurrenceAfter, skipPatch } from './recurring';
import { readTagged, syncTagEntries, tagEntryKey } from './tag-entries';
import * as repository from './repository';
import { defaultSort } from './rules';
import { SEARCH_READ_BUDGET, type CreateTaskInput, type ListTasksQuery, type Subtask, type StatusFilter, type SubtaskInput, type Task, type TaskSort, type UpdateTaskInput } from './schema';
import { DEFAULT_TIME_ZONE, wallClock } from '../time-zone';
import { dateWindow, searchFilter, viewIndex } from './views';

/**
 * Task rules: every access goes through the task's list (the caller's membership decides, in
 * lib/lists/access.ts), versions and preconditions, and the views' pages.
 */

const NO_SUCH_TASK = 'There is no such task.';

export type TaskAccess = { readonly task: Task; readonly access: ListAccess };

/** The task and the caller's access to its list; 404 for a task the caller cannot see at all. */
export async function accessTask(userId: string, taskId: string, right: Right): Promise<TaskAccess> {
  const task = await repository.findTask(userId, taskId);
  if (!task) throw new NotFoundError(NO_SUCH_TASK);
  return { task, access: await accessList(userId, task.listId, right, NO_SUCH_TASK) };
}

async function bottomOf(listId: string): Promise<string> {
  return generateKeyBetween(await repository.lastPosition(listId), null);
}

/** `listId` is the list to create in (the caller's Inbox when the request named none). */
export async function createTask(actor: Actor, listId: string, input: Omit<CreateTaskInput, 'listId'>): Promise<Task> {
  const { list } = await accessList(actor.id, listId, 'edit');
  await assertRoomForOpenTasks(list.owner_id);
  const now = new Date().toISOString();
  const task: Task = {
    id: randomUUID(),
    listId,
    title: input.title,
    description: input.description,
    completed: false,
    priority: input.priority,
    dueDate: input.dueDate,
    dueTime: input.dueTime,
    tags: input.tags,
    subtasks: withIds(input.subtasks),
    position: await bottomOf(listId),
    recurrence: recurrenceAfter(null, input.recurrence, input.dueDate),
    completedAt: null,
    createdBy: actor.id,
    createdAt: now,
    updatedAt: now,
    version: 1,
    attachments: [],
  };
  const pending = await repository.insertTask(task, [taskCreated(actor, task)]);
  await syncTagEntries(null, task);
  await publishPending(pending);
  return task;
}

export async function getTask(userId: string, taskId: string): Promise<Task> {
  return (await accessTask(userId, taskId, 'read')).task;
}

/** The task for a write that needs only read access (the caller's own reminders), with If-Match checked as for any write. */
export async function readTaskAtVersion(userId: string, taskId: string, ifMatchVersion: number | undefined): Promise<Task> {
  const task = await getTask(userId, taskId);
  if (ifMatchVersion !== undefined && ifMatchVersion !== task.version) throw new PreconditionFailedError();
  return task;
}

/** New subtasks get an id; existing ones keep theirs, so a client can reorder and tick them. */
function withIds(subtasks: readonly SubtaskInput[]): Subtask[] {
  return subtasks.map((subtask) => ({ id: subtask.id ?? randomUUID(), title: subtask.title, completed: subtask.completed }));
}

/** A due time belongs to a due date: clearing the date clears the time, a time without a date is refused. */
function dueOf(current: Task, patch: UpdateTaskInput): { dueDate: string | null; dueTime: string | null } {
  const dueDate = patch.dueDate === undefined ? current.dueDate : patch.dueDate;
  const dueTime = dueDate === null && patch.dueTime === undefined ? null : patch.dueTime === undefined ? current.dueTime : patch.dueTime;
  if (dueTime !== null && dueDate === null) throw new ValidationError([{ field: 'dueTime', message: 'A due time needs a due date.' }]);
  return { dueDate, dueTime };
}

function applyPatch(current: Task, patch: UpdateTaskInput, position: string, now: string): Task {
  const completed = patch.completed ?? current.completed;
  const due = dueOf(current, patch);
  return {
    ...current,
    ...(patch.title !== undefined ? { title: patch.title } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...due,
    recurrence: recurrenceAfter(current.recurrence, patch.recurrence, due.dueDate),
    ...(patch.priority !== undefined ? { priority: patch.priority } : {}),
    ...(patch.tags !== undefined ? { tags: patch.tags } : {}),
    ...(patch.subtasks !== undefined ? { subtasks: withIds(patch.subtasks) } : {}),
    listId: patch.listId ?? current.listId,
    position,
    completed,
    completedAt: completed ? (current.completed ? current.completedAt : now) : null,
    updatedAt: now,
    version: current.version + 1,
  };
}

/**
 * Applies a partial update (or one computed from the current task). With If-Match the stored version must equal it (else 412); without,
 * the update still lands atomically on the version it read, retrying if another write slipped in.
 * Moving to another list needs edit rights on both lists; the task goes to the end of the new one.
 * Completing a recurring task completes its current occurrence and moves it to the next one, on the
 * person's calendar in `timeZone` (from: "completion" counts from their today).
 */
export async function updateTask(
  actor: Actor,
  taskId: string,
  change: UpdateTaskInput | ((current: Task) => UpdateTaskInput),
  ifMatchVersion: number | undefined,
  timeZone: string = DEFAULT_TIME_ZONE,
): Promise<Task> {
  // The occurrence this request completes: a retry after a lost race must not complete the next one too.
  let firstDueDate: string | null | undefined;
  const { current, next, pending } = await retryOnVersionConflict(
    async () => {
      const { task: current, access } = await accessTask(actor.id, taskId, 'edit');
      if (ifMatchVersion !== undefined && ifMatchVersion !== current.version) throw new PreconditionFailedError();
      firstDueDate = firstDueDate === undefined ? current.dueDate : firstDueDate;
      // A change computed from the task is computed again from each version read, so none is lost.
      const patch = typeof change === 'function' ? change(current) : change;
      const moving = patch.listId !== undefined && patch.listId !== current.listId;
      const owner = moving ? (await accessList(actor.id, patch.listId!, 'edit')).list.owner_id : access.list.owner_id;
      // A move goes to the end of the new list unless it names its place there.
      const position = patch.position ?? (moving ? await bottomOf(patch.listId!) : current.position);
      const patched = applyPatch(current, patch, position, new Date().toISOString());
      const completion = completedOccurrence(current, patched, wallClock(timeZone).date);
      if (completion && current.dueDate !== firstDueDate) throw new ConflictError(OCCURRENCE_MOVED);
      const next = completion?.task ?? patched;
      // Reopening a task, or bringing an open one to another account's list, adds an open task there.
      if (!next.completed && (current.completed || owner !== access.list.owner_id)) await assertRoomForOpenTasks(owner);
      // The list it leaves keeps a marker, so sync can tell that list's devices it went (docs/data-model.md, "Sync").
      if (moving) await repository.markMovedOut(next, current.listId);
      const event = completion ? occurrenceCompleted(actor, current, next, completion.occurrence) : taskChanged(actor, current, next);
      const pending = await repository.saveTask(next, current.version, event ? [event] : []);
      return { current, next, pending };
    },
    { ifMatch: ifMatchVersion !== undefined },
  );
  await syncTagEntries(current, next);
  await afterTaskWrite(current, next);
  await publishPending(pending);
  return next;
}

const OCCURRENCE_MOVED = 'This occurrence was completed or moved meanwhile; look at the task again.';

/** Moves a recurring task to its next occurrence without completing one (409 for a plain task). */
export function skipOccurrence(actor: Actor, taskId: string, ifMatchVersion: number | undefined, timeZone: string = DEFAULT_TIME_ZONE): Promise<Task> {
  return updateTask(actor, taskId, (current) => skipPatch(current, wallClock(timeZone).date), ifMatchVersion, timeZone);
}

export async function deleteTask(actor: Actor, taskId: string, ifMatchVersion: number | undefined): Promise<void> {
  const { deleted, pending } = await retryOnVersionConflict(
    async () => {
      const { task: current } = await accessTask(actor.id, taskId, 'edit');
      if (ifMatchVersion !== undefined && ifMatchVersion !== current.version) throw new PreconditionFailedError();
      // Objects first: a crash before the tombstone leaves a task whose delete can be retried, not lost objects.
      await removeTaskObjects(current);
      const pending = await repository.deleteTask(current, current.version, new Date().toISOString(), [taskDeleted(actor, current)]);
      return { deleted: current, pending };
    },
    { ifMatch: ifMatchVersion !== undefined },
  );
  await syncTagEntries(deleted, null);
  await cancelReminders(deleted.id);
  await publishPending(pending);
}

export type TaskListPage = { readonly items: Task[]; readonly nextCursor: string | null };

/** Manual order inside one list, newest first across lists; only open tasks have other orders. */
function sortOf(query: ListTasksQuery): TaskSort {
  if (query.view !== 'all') {
    if (query.status !== 'all' && query.status !== 'open') throw new BadRequestError(`view=${query.view} shows open tasks: leave status out.`);
    if (query.sort && query.sort !== 'due') throw new BadRequestError(`view=${query.view} is ordered by due date: leave sort out.`);
    return 'due';
  }
  if (query.sort && query.sort !== 'created' && query.status !== 'open') {
    throw new BadRequestError('sort orders open tasks: use it with status=open.');
  }
  // A tag's view is newest first, like every view across lists.
  return query.sort ?? defaultSort(query);
}

/**
 * One page of a view: one list (the caller must be a member) or every list the caller belongs to,
 * merged. Each page reads in proportion to its size; a search stops at its read budget.
 */
export async function listTasks(userId: string, query: ListTasksQuery, timeZone: string = DEFAULT_TIME_ZONE): Promise<TaskListPage> {
  const sort = sortOf(query);
  const status = query.view === 'all' ? query.status : 'open';
  if (query.listId) await accessList(userId, query.listId, 'read');
  const listIds = query.listId ? [query.listId] : await visibleListIds(userId);
  // The day is part of the scope: a cursor of yesterday's Today does not continue today's.
  const window = query.view === 'all' ? {} : dateWindow(query.view, timeZone);
  const day = query.view === 'all' ? '' : wallClock(timeZone).date;
  const scope = `tasks:${filtersKey({ status, sort, q: query.q, label: query.label, tag: query.tag, listId: query.listId ?? '', view: query.view, day })}`;
  const afterKey = query.cursor ? decodeCursor(query.cursor, userId, scope, 1)[0]! : null;
  const page = tagView(query, status, sort) ? await taggedPage(query, listIds, afterKey) : await indexPage(query, status, sort, listIds, afterKey, window);
  return { items: page.items, nextCursor: page.nextKey && encodeCursor([page.nextKey], userId, scope) };
}

/** A tag alone on open tasks, newest first, reads the tag index; any other tag query is a search. */
function tagView(query: ListTasksQuery, status: StatusFilter, sort: TaskSort): boolean {
  return query.tag !== '' && !query.q && !query.label && status === 'open' && sort === 'created' && query.view === 'all';
}

function taggedPage(query: ListTasksQuery, listIds: readonly string[], afterKey: string | null) {
  return mergedPage<Task>({
    sources: listIds.map((listId) => (after, size) => readTagged(listId, query.tag, after, size)),
    afterKey,
    keyOf: (task) => tagEntryKey(query.tag, task),
    descending: true,
    limit: query.limit,
  });
}

function indexPage(query: ListTasksQuery, status: StatusFilter, sort: TaskSort, listIds: readonly string[], afterKey: string | null, window: Pick<repository.IndexRead, 'from' | 'to'>) {
  const index = viewIndex(status, sort);
  const filter = searchFilter(query.q, query.label, query.tag);
  const rangeKey = index.rangeKey as keyof IndexKeys;
  return mergedPage<Task>({
    sources: listIds.map((listId) => (after, size) => repository.readIndex({ ...index, listId, afterKey: after, ...window, ...(filter ? { filter } : {}) }, size)),
    afterKey,
    keyOf: (task) => indexKeys(task)[rangeKey] ?? '',
    descending: index.descending,
    limit: query.limit,
    ...(filter ? { budget: SEARCH_READ_BUDGET } : {}),
  });
}

/** Deletes every task of a list with its objects (list and account deletion). */
export async function deleteTasksOfList(listId: string): Promise<void> {
  await repository.deleteTasksOfList(listId, async (tasks) => {
    for (const task of tasks) await removeTaskObjects(task);
  });
}
