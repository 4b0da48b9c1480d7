import { isNetworkError } from '@/lib/client/api';
import { patchTask, postTaskOnce, sendTaskDelete, type NewTask, type TaskChanges } from '@/lib/client/tasks-api';
import type { Task } from '@/lib/tasks/schema';
import { mustQueue, outboxState } from './outbox-state';

/**
 * The task mutations' way to the server: straight there when it can be reached, otherwise into the
 * persistent outbox (loaded only then), which sends the change when the device is back online.
 * A request that fails on the way (network error) is queued too: creations carry an Idempotency-Key
 * from the start, so if the first attempt did arrive, the replay gets its answer, not a second task.
 */

const outbox = () => import('./outbox');

/** Queue only for a signed-in tab (the outbox is per person); elsewhere the error stands. */
const queueable = (error: unknown) => isNetworkError(error) && outboxState().owner !== null;

export async function createOrQueue(input: NewTask): Promise<Task> {
  const idempotencyKey = crypto.randomUUID();
  if (!mustQueue()) {
    try {
      return await postTaskOnce(input, idempotencyKey);
    } catch (error) {
      if (!queueable(error)) throw error;
    }
  }
  return (await outbox()).queueCreate(input, idempotencyKey);
}

/**
 * `base` is the task as the person saw it, with the version to send as If-Match; `current` reads what
 * the cache shows now (the optimistic edit), which a queued change resolves with.
 */
export async function updateOrQueue(base: Task, changes: TaskChanges, current: () => Task | undefined): Promise<Task> {
  if (!mustQueue(base.id)) {
    try {
      return await patchTask(base.id, changes, base.version);
    } catch (error) {
      if (!queueable(error)) throw error;
    }
  }
  await (await outbox()).queueUpdate(base, changes);
  return current() ?? { ...base, ...changes, subtasks: base.subtasks };
}

export async function deleteOrQueue(taskId: string): Promise<void> {
  if (!mustQueue(taskId)) {
    try {
      return await sendTaskDelete(taskId);
    } catch (error) {
      if (!queueable(error)) throw error;
    }
  }
  await (await outbox()).queueDelete(taskId);
}
