import type { QueryClient } from '@tanstack/react-query';
import { ApiError, isNetworkError } from '@/lib/client/api';
import { fetchTask, patchTask, postTaskOnce, sendTaskDelete, type NewTask, type TaskChanges } from '@/lib/client/tasks-api';
import { addCachedTask, cachedTask, removeCachedTask, replaceCachedTask } from '@/lib/query/task-cache';
import { isConflict, isNotFound, optimisticNewTask } from '@/lib/query/task-mutations';
import type { Task } from '@/lib/tasks/schema';
import { openOfflineDb, type OfflineDb } from './db';
import { mergeTaskChanges, resolveConflicts, type FieldConflict } from './merge';
import type { OutboxEntry } from './outbox-entry';
import { isOfflineTaskId, OFFLINE_ID_PREFIX, outboxState, setConflict, setOutboxOwner, setWaiting, type ConflictChoice } from './outbox-state';

/**
 * The persistent outbox (IndexedDB): changes made while the server could not be reached, kept across
 * reloads and sent in the order they were made when the device is back online. Creations carry their
 * Idempotency-Key, updates the version they were based on as If-Match; a 412 is merged field by field
 * (lib/offline/merge.ts) and a field both sides changed is put to the person (components/offline).
 */

/** A change that meets a newer version again and again (someone editing as fast) is given up after this. */
const MAX_MERGE_ROUNDS = 3;

async function database(): Promise<OfflineDb> {
  const { owner } = outboxState();
  if (!owner) throw new Error('The outbox is used only by a signed-in tab.');
  return openOfflineDb(owner);
}

async function entries(db: OfflineDb): Promise<OutboxEntry[]> {
  return db.getAll('outbox');
}

async function countWaiting(db: OfflineDb): Promise<void> {
  setWaiting(await db.count('outbox'));
}

/** On start: whose outbox this is, and how many changes wait in it. */
export async function openOutbox(userId: string): Promise<number> {
  setOutboxOwner(userId);
  const db = await database();
  await countWaiting(db);
  return outboxState().waiting;
}

async function add(entry: OutboxEntry): Promise<void> {
  const db = await database();
  await db.add('outbox', entry);
  await countWaiting(db);
}

export async function queueCreate(input: NewTask, idempotencyKey: string): Promise<Task> {
  const task = optimisticNewTask(input, `${OFFLINE_ID_PREFIX}${crypto.randomUUID()}`);
  await add({ kind: 'create', task, input, idempotencyKey });
  return task;
}

/**
 * Edits of one task in a row are one change: the later fields join the waiting entry, which keeps the
 * base the person started from (a field saved twice, on Enter and on blur, is not two changes).
 */
export async function queueUpdate(base: Task, changes: TaskChanges): Promise<void> {
  const db = await database();
  const tx = db.transaction('outbox', 'readwrite');
  const last = await tx.store.openCursor(null, 'prev');
  if (last && last.value.kind === 'update' && last.value.taskId === base.id) {
    await last.update({ ...last.value, changes: { ...last.value.changes, ...changes } });
  } else {
    await tx.store.add({ kind: 'update', taskId: base.id, base, changes });
  }
  await tx.done;
  await countWaiting(db);
}

/** Deleting a task the server never heard of takes its creation and edits out of the outbox instead. */
export async function queueDelete(taskId: string): Promise<void> {
  if (!isOfflineTaskId(taskId)) return add({ kind: 'delete', taskId });
  const db = await database();
  for (const entry of await entries(db)) {
    if ((entry.kind === 'create' ? entry.task.id : entry.taskId) === taskId) await db.delete('outbox', entry.seq!);
  }
  await countWaiting(db);
}

/** After a reload the caches come from the device's copy: the waiting changes are shown on top. */
export async function showWaitingChanges(queryClient: QueryClient): Promise<void> {
  for (const entry of await entries(await database())) {
    if (entry.kind === 'create') addCachedTask(queryClient, entry.task);
    else if (entry.kind === 'delete') removeCachedTask(queryClient, entry.taskId);
    else {
      const current = cachedTask(queryClient, entry.taskId) ?? entry.base;
      replaceCachedTask(queryClient, entry.taskId, { ...current, ...entry.changes, subtasks: current.subtasks });
    }
  }
}

/** The conflict dialog's answer: a promise the dialog resolves. */
function askPerson(taskTitle: string, conflicts: readonly FieldConflict[]): Promise<ConflictChoice> {
  return new Promise((resolve) =>
    setConflict({
      taskTitle,
      conflicts,
      decide: (choice) => {
        setConflict(null);
        resolve(choice);
      },
    }),
  );
}

/** Sends one update; a 412 is merged with the server's task and sent again against its version. */
async function sendUpdate(entry: Extract<OutboxEntry, { kind: 'update' }>): Promise<Task> {
  let base = entry.base;
  let changes = entry.changes;
  for (let round = 0; round < MAX_MERGE_ROUNDS; round += 1) {
    try {
      return await patchTask(entry.taskId, changes, base.version);
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    const theirs = await fetchTask(entry.taskId);
    const merged = mergeTaskChanges(base, changes, theirs);
    const chosen = merged.conflicts.length > 0 ? resolveConflicts(merged.conflicts, await askPerson(theirs.title, merged.conflicts)) : {};
    changes = { ...merged.changes, ...chosen };
    base = theirs;
    if (Object.keys(changes).length === 0) return theirs;
  }
  throw new ApiError(412, 'Changed elsewhere', 'This task kept changing on another device; your change was not sent.');
}

/** Later entries of the same task are based on what the server now holds (and on its real id). */
async function rebase(db: OfflineDb, fromId: string, saved: Task): Promise<void> {
  const tx = db.transaction('outbox', 'readwrite');
  for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
    const entry = cursor.value;
    if (entry.kind === 'update' && entry.taskId === fromId) await cursor.update({ ...entry, taskId: saved.id, base: saved });
    else if (entry.kind === 'delete' && entry.taskId === fromId) await cursor.update({ ...entry, taskId: saved.id });
  }
  await tx.done;
}

async function replayEntry(queryClient: QueryClient, db: OfflineDb, entry: OutboxEntry): Promise<void> {
  if (entry.kind === 'create') {
    const created = await postTaskOnce(entry.input, entry.idempotencyKey);
    replaceCachedTask(queryClient, entry.task.id, created);
    await rebase(db, entry.task.id, created);
  } else if (entry.kind === 'update') {
    const saved = await sendUpdate(entry);
    replaceCachedTask(queryClient, saved.id, saved);
    await rebase(db, saved.id, saved);
  } else {
    await sendTaskDelete(entry.taskId).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
  }
}

/** Puts the server's copy back where a change could not be applied (refused, or the task is gone). */
async function showServerCopy(queryClient: QueryClient, entry: OutboxEntry): Promise<void> {
  const id = entry.kind === 'create' ? entry.task.id : entry.taskId;
  if (entry.kind === 'create') return removeCachedTask(queryClient, id);
  const fresh = await fetchTask(id).catch(() => undefined);
  if (fresh) replaceCachedTask(queryClient, id, fresh);
  else removeCachedTask(queryClient, id);
}

let replaying: Promise<void> | null = null;

/** Sends the waiting changes in order, one at a time; stops (keeping the rest) when the network drops. */
export function replayOutbox(queryClient: QueryClient): Promise<void> {
  replaying ??= (async () => {
    const db = await database();
    for (;;) {
      const [entry] = await entries(db);
      if (!entry) break;
      try {
        await replayEntry(queryClient, db, entry);
      } catch (error) {
        // Offline again, or a creation still in progress on the server: try later, in the same order.
        if (isNetworkError(error) || (error instanceof ApiError && error.status === 409 && entry.kind === 'create')) return;
        await showServerCopy(queryClient, entry);
      }
      await db.delete('outbox', entry.seq!);
      await countWaiting(db);
    }
  })().finally(() => {
    replaying = null;
  });
  return replaying;
}
