import 'server-only';
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, type QueryCommandInput, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { deleteKeys } from '../aws/batch-delete';
import { dynamodb } from '../aws/dynamodb';
import { TODOS_INDEX } from '../data/tables';
import { env } from '../env';
import { inOrder, pendingAttributes, type PendingOnItem, type TaskKey } from '../events/pending';
import { readItemState } from '../events/pending-store';
import type { TaskEvent } from '../events/schema';
import { isTombstone, justBelow, movedOutItem, taskItem, toChangeEntry, toTask, tombstoneItem, type ChangeEntry } from './item';
import type { Chunk } from './merge';
import type { Task } from './schema';

/**
 * Owns every DynamoDB expression for tasks (docs/data-model.md). A task is one item, written whole
 * from the Task (so its index keys always match its fields) and only if its stored version is the one
 * the change was made on: no update is ever silently lost. The events a write produces are written on
 * the same item in the same Put (lib/events/pending.ts).
 */

export class VersionConflictError extends Error {}

const table = () => env().TODOS_TABLE;

function keyOf(task: Task): TaskKey {
  return { user_id: task.createdBy, todo_id: task.id };
}

/**
 * Creates the task with its events. Safe to retry: the item carries this write's id, so when the SDK
 * retries a PutItem whose first attempt landed (its answer lost to a timeout), the condition fails on
 * our own item, which is success, not a conflict.
 */
export async function insertTask(task: Task, events: readonly TaskEvent[]): Promise<PendingOnItem> {
  const writeId = randomUUID();
  const pending = inOrder(events);
  try {
    await dynamodb().send(
      new PutCommand({
        TableName: table(),
        Item: { ...taskItem(task), ...pendingAttributes(task.id, pending, task.createdAt), write_id: writeId },
        ConditionExpression: 'attribute_not_exists(todo_id)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const { Item } = await dynamodb().send(
      new GetCommand({ TableName: table(), Key: keyOf(task), ProjectionExpression: 'write_id', ConsistentRead: true }),
    );
    if (Item?.write_id !== writeId) throw error;
  }
  return { key: keyOf(task), version: task.version, events: pending, listId: task.listId };
}

async function getItem(createdBy: string, taskId: string): Promise<Task | null> {
  const { Item } = await dynamodb().send(
    new GetCommand({ TableName: table(), Key: { user_id: createdBy, todo_id: taskId }, ConsistentRead: true }),
  );
  return Item && !isTombstone(Item) ? toTask(Item) : null;
}

/** Who created a task (its partition), from the id alone; eventually consistent, like every index. */
async function creatorOf(taskId: string): Promise<string | null> {
  const { Items = [] } = await dynamodb().send(
    new QueryCommand({ TableName: table(), IndexName: TODOS_INDEX.taskId, KeyConditionExpression: 'todo_id = :id', ExpressionAttributeValues: { ':id': taskId } }),
  );
  const owner = Items[0]?.user_id;
  return typeof owner === 'string' ? owner : null;
}

/**
 * The task with this id, whoever created it: a consistent read in the caller's own partition finds
 * every task they created; otherwise the id index names the partition. Authorization is the caller's
 * business (the task's list decides), not this function's.
 */
export async function findTask(callerId: string, taskId: string): Promise<Task | null> {
  const own = await getItem(callerId, taskId);
  if (own) return own;
  const creator = await creatorOf(taskId);
  return creator && creator !== callerId ? getItem(creator, taskId) : null;
}

/** The list a task is in, or was in when it was deleted (its tombstone keeps that); null if unknown. */
export async function listOfTask(callerId: string, taskId: string): Promise<string | null> {
  const read = async (createdBy: string) => {
    const { Item } = await dynamodb().send(
      new GetCommand({ TableName: table(), Key: { user_id: createdBy, todo_id: taskId }, ProjectionExpression: 'list_id', ConsistentRead: true }),
    );
    return typeof Item?.list_id === 'string' ? Item.list_id : null;
  };
  const own = await read(callerId);
  if (own) return own;
  const creator = await creatorOf(taskId);
  return creator && creator !== callerId ? read(creator) : null;
}

/** The condition of every change to an existing task: it is live and still at the version the change was made on. */
const UNCHANGED_SINCE_READ = 'attribute_exists(todo_id) AND #version = :expected AND attribute_not_exists(deleted)';

/**
 * Writes `item` (the task's next state, or its tombstone) in place of the task at `expectedVersion`,
 * with `events` waiting on it. A whole-item Put would drop events an earlier write left pending, so the
 * usual write also requires that none wait; when some do, it reads them and writes them again with the
 * new ones. Nothing is lost in between: every write that adds events raises the version, and the
 * version is in the condition; a publisher clearing them meanwhile only makes one be published twice.
 * Safe to retry like insertTask: the item carries this write's id, so a condition failing on the item our
 * own first attempt wrote (its answer lost to a timeout, then resent by the SDK) is success, not a conflict.
 */
async function replaceTask(key: TaskKey, item: Record<string, unknown> & { version: number }, expectedVersion: number, events: readonly TaskEvent[]): Promise<PendingOnItem> {
  const now = new Date().toISOString();
  const writeId = randomUUID();
  const put = (pending: readonly TaskEvent[], since: string, extraCondition: string) =>
    dynamodb().send(
      new PutCommand({
        TableName: table(),
        Item: { ...item, ...pendingAttributes(key.todo_id, pending, since), write_id: writeId },
        ConditionExpression: `${UNCHANGED_SINCE_READ}${extraCondition}`,
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': expectedVersion },
      }),
    );
  const own = inOrder(events);
  try {
    await put(own, now, ' AND attribute_not_exists(pending_since)');
    return { key, version: item.version, events: own, listId: listIdOf(item) };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  const stored = await readItemState(key);
  if (stored?.writeId === writeId) return { key, version: item.version, events: stored.events, listId: listIdOf(item) };
  if (!stored || stored.deleted || stored.version !== expectedVersion) throw new VersionConflictError();
  const all = inOrder([...stored.events, ...own]);
  try {
    await put(all, stored.since ?? now, '');
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    if ((await readItemState(key))?.writeId !== writeId) throw new VersionConflictError();
  }
  return { key, version: item.version, events: all, listId: listIdOf(item) };
}

const listIdOf = (item: Record<string, unknown>) => (typeof item.list_id === 'string' ? item.list_id : undefined);

/** Replaces the stored task with `next` if it is still at `expectedVersion`, with the events of the change. */
export function saveTask(next: Task, expectedVersion: number, events: readonly TaskEvent[]): Promise<PendingOnItem> {
  return replaceTask(keyOf(next), taskItem(next), expectedVersion, events);
}

/** Replaces the task with its tombstone if it is still at `expectedVersion` (sync reports the deletion); its events wait there. */
export function deleteTask(task: Task, expectedVersion: number, now: string, events: readonly TaskEvent[]): Promise<PendingOnItem> {
  return replaceTask(keyOf(task), tombstoneItem(task, now, expectedVersion + 1), expectedVersion, events);
}

/** Every item a person created (account deletion only: it reads their whole partition), as keys. */
export async function itemsCreatedBy(userId: string): Promise<{ todoId: string; listId: string | null }[]> {
  const found: { todoId: string; listId: string | null }[] = [];
  let startKey: QueryCommandOutput['LastEvaluatedKey'];
  do {
    const page = await dynamodb().send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'user_id = :user',
        ExpressionAttributeValues: { ':user': userId },
        ProjectionExpression: 'todo_id, list_id',
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      found.push({ todoId: String(item.todo_id), listId: typeof item.list_id === 'string' ? item.list_id : null });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return found;
}

export async function deleteItemsCreatedBy(userId: string, todoIds: readonly string[]): Promise<void> {
  await deleteKeys(table(), todoIds.map((todoId) => ({ user_id: userId, todo_id: todoId })));
}

/** One read of one list's index, in the index's order, strictly after `afterKey` when given. */
export type IndexRead = {
  readonly index: string;
  readonly rangeKey: string;
  readonly listId: string;
  readonly descending: boolean;
  readonly afterKey: string | null;
  /** Extra bounds on the range key (inclusive), e.g. a due-date window. */
  readonly from?: string;
  readonly to?: string;
  readonly filter?: { readonly expression: string; readonly names: Record<string, string>; readonly values: Record<string, unknown> };
};

export type IndexChunk = Chunk<Task>;

/**
 * The key condition on the range key: the read's window, narrowed to strictly after `afterKey`.
 * Exclusive bounds become inclusive ones just past the excluded key (every key ends in a unique id
 * of ASCII characters, so no real key lies between), because DynamoDB allows one range condition.
 */
function rangeCondition(read: IndexRead): { expression: string; values: Record<string, unknown> } {
  let lower = read.from;
  let upper = read.to;
  if (read.afterKey !== null) {
    if (read.descending) {
      const below = justBelow(read.afterKey);
      upper = upper === undefined || below < upper ? below : upper;
    } else {
      const above = `${read.afterKey}\u0000`;
      lower = lower === undefined || above > lower ? above : lower;
    }
  }
  if (lower !== undefined && upper !== undefined) {
    return { expression: ' AND #range BETWEEN :lower AND :upper', values: { ':lower': lower, ':upper': upper } };
  }
  if (lower !== undefined) return { expression: ' AND #range >= :lower', values: { ':lower': lower } };
  if (upper !== undefined) return { expression: ' AND #range <= :upper', values: { ':upper': upper } };
  return { expression: '', values: {} };
}


/** One Query of one list's index: the raw items and the range key it got to (null: no more). */
async function queryIndex(read: IndexRead, limit: number): Promise<{ items: Record<string, unknown>[]; frontier: string | null; scanned: number }> {
  const range = rangeCondition(read);
  const names = { ...(range.expression ? { '#range': read.rangeKey } : {}), ...read.filter?.names };
  const input: QueryCommandInput = {
    TableName: table(),
    IndexName: read.index,
    KeyConditionExpression: `list_id = :list${range.expression}`,
    ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
    ExpressionAttributeValues: { ':list': read.listId, ...range.values, ...read.filter?.values },
    FilterExpression: read.filter?.expression,
    ScanIndexForward: !read.descending,
    Limit: limit,
  };
  const page: QueryCommandOutput = await dynamodb().send(new QueryCommand(input));
  const last = page.LastEvaluatedKey?.[read.rangeKey];
  return { items: page.Items ?? [], frontier: typeof last === 'string' ? last : null, scanned: page.ScannedCount ?? 0 };
}

/** Reads up to `limit` items of one list's index (one Query), returning the matches and how far it got. */
export async function readIndex(read: IndexRead, limit: number): Promise<IndexChunk> {
  const page = await queryIndex(read, limit);
  return { ...page, items: page.items.map(toTask) };
}

/** Up to `limit` items of one list's ListChangesIndex strictly after `afterKey`, oldest change first (sync), tombstones and markers too. */
export async function readChanges(listId: string, afterKey: string | null, limit: number): Promise<{ entries: ChangeEntry[]; frontier: string | null }> {
  const page = await queryIndex({ index: TODOS_INDEX.listChanges, rangeKey: 'change_seq', listId, descending: false, afterKey }, limit);
  return { entries: page.items.map(toChangeEntry), frontier: page.frontier };
}

/** A task's current state by its key, for sync to settle a move out: live, or a deletion at its version. */
export async function readTaskState(createdBy: string, taskId: string): Promise<ChangeEntry | null> {
  const { Item } = await dynamodb().send(new GetCommand({ TableName: table(), Key: { user_id: createdBy, todo_id: taskId }, ConsistentRead: true }));
  return Item ? toChangeEntry(Item) : null;
}

/**
 * Leaves the marker of a move out of `fromListId` (lib/tasks/item.ts `movedOutItem`). Written before the
 * move itself, unconditionally (a retry rewrites the same item): if the move then fails, sync reads the
 * task, finds it still in that list and delivers it again, which is harmless.
 */
export async function markMovedOut(moved: Task, fromListId: string): Promise<void> {
  await dynamodb().send(new PutCommand({ TableName: table(), Item: movedOutItem(moved, fromListId) }));
}

async function count(input: QueryCommandInput): Promise<number> {
  let total = 0;
  let startKey: QueryCommandOutput['LastEvaluatedKey'];
  do {
    const page = await dynamodb().send(new QueryCommand({ ...input, Select: 'COUNT', ExclusiveStartKey: startKey }));
    total += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return total;
}

export function countOpenTasks(listId: string): Promise<number> {
  return count({
    TableName: table(),
    IndexName: TODOS_INDEX.listOpen,
    KeyConditionExpression: 'list_id = :list',
    ExpressionAttributeValues: { ':list': listId },
  });
}

/** Open tasks due before `before` ("<date>T<HH:MM>" on the person's clock). */
export function countOverdueTasks(listId: string, before: string): Promise<number> {
  return count({
    TableName: table(),
    IndexName: TODOS_INDEX.listDue,
    KeyConditionExpression: 'list_id = :list AND open_due < :before',
    ExpressionAttributeValues: { ':list': listId, ':before': before },
  });
}

/** The last open task in manual order, to put a new one after it. */
export async function lastPosition(listId: string): Promise<string | null> {
  const { Items = [] } = await dynamodb().send(
    new QueryCommand({
      TableName: table(),
      IndexName: TODOS_INDEX.listManual,
      KeyConditionExpression: 'list_id = :list',
      ExpressionAttributeValues: { ':list': listId },
      ScanIndexForward: false,
      Limit: 1,
    }),
  );
  const position = Items[0]?.position;
  return typeof position === 'string' ? position : null;
}

/**
 * Deletes the items of one list (tasks and tombstones), a page at a time, handing each page of live
 * tasks to `beforeDelete` first (their objects go before their items, so nothing is orphaned).
 */
export async function deleteTasksOfList(listId: string, beforeDelete: (tasks: Task[]) => Promise<void>): Promise<number> {
  let deleted = 0;
  let startKey: QueryCommandOutput['LastEvaluatedKey'];
  do {
    const page = await dynamodb().send(
      new QueryCommand({
        TableName: table(),
        IndexName: TODOS_INDEX.listChanges,
        KeyConditionExpression: 'list_id = :list',
        ExpressionAttributeValues: { ':list': listId },
        Limit: 100,
        ExclusiveStartKey: startKey,
      }),
    );
    const items = page.Items ?? [];
    await beforeDelete(items.filter((item) => !isTombstone(item)).map(toTask));
    await deleteKeys(table(), items.map((item) => ({ user_id: item.user_id, todo_id: item.todo_id })));
    deleted += items.length;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return deleted;
}
