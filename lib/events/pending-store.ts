import 'server-only';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '../aws/dynamodb';
import { TODOS_INDEX } from '../data/tables';
import { env } from '../env';
import { pendingEventsOf, type PendingOnItem, type TaskKey } from './pending';
import type { TaskEvent } from './schema';

/**
 * Reading and clearing the events that wait on task items (lib/events/pending.ts). Clearing never
 * touches the version or anything else of the task, so ETags stay as they were.
 */

const table = () => env().TODOS_TABLE;

async function ignoringConditionFailure(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Removes the events in `published` from the item. When they are all it held at `onItem.version`
 * and it is still at that version, the whole attribute and the index keys go (no write since could
 * have added any: every write that adds events raises the version). Otherwise a newer write carried
 * them over with its own, so only these keys go and that write's publisher clears the rest.
 */
export async function clearPublished(onItem: PendingOnItem, published: readonly string[]): Promise<void> {
  if (published.length === onItem.events.length) {
    const cleared = await ignoringConditionFailure(
      dynamodb().send(
        new UpdateCommand({
          TableName: table(),
          Key: onItem.key,
          UpdateExpression: 'REMOVE pending_events, pending_shard, pending_since',
          ConditionExpression: 'attribute_exists(todo_id) AND #version = :version',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':version': onItem.version },
        }),
      ),
    );
    if (cleared || published.length === 0) return;
  }
  const names = Object.fromEntries(published.map((id, index) => [`#e${index}`, id]));
  await ignoringConditionFailure(
    dynamodb().send(
      new UpdateCommand({
        TableName: table(),
        Key: onItem.key,
        UpdateExpression: `REMOVE ${Object.keys(names).map((name) => `pending_events.${name}`).join(', ')}`,
        // Without the map (deleted with its list, or already cleared) there is nothing to remove.
        ConditionExpression: 'attribute_exists(pending_events)',
        ExpressionAttributeNames: names,
      }),
    ),
  );
}

/** Keys of up to `limit` items of one shard whose events have waited since before `before`, oldest first. */
export async function itemsWaitingSince(shard: string, before: string, limit: number): Promise<TaskKey[]> {
  const { Items = [] } = await dynamodb().send(
    new QueryCommand({
      TableName: table(),
      IndexName: TODOS_INDEX.pendingEvents,
      KeyConditionExpression: 'pending_shard = :shard AND pending_since < :before',
      ExpressionAttributeValues: { ':shard': shard, ':before': before },
      Limit: limit,
    }),
  );
  return Items.map((item) => ({ user_id: String(item.user_id), todo_id: String(item.todo_id) }));
}

/** What one item holds now: its version, whether it is a tombstone, and what waits on it since when. */
export type ItemState = {
  readonly version: number;
  readonly deleted: boolean;
  readonly events: TaskEvent[];
  readonly since: string | null;
  /** The id of the write that made this version (lib/tasks/repository.ts tells its own retried write by it). */
  readonly writeId: string | null;
};

/** A consistent read (the index lags the table; this does not); null when the item is gone. */
export async function readItemState(key: TaskKey): Promise<ItemState | null> {
  const { Item } = await dynamodb().send(
    new GetCommand({
      TableName: table(),
      Key: key,
      ProjectionExpression: '#version, deleted, pending_events, pending_since, write_id',
      ExpressionAttributeNames: { '#version': 'version' },
      ConsistentRead: true,
    }),
  );
  if (!Item || typeof Item.version !== 'number') return null;
  return {
    version: Item.version,
    deleted: Item.deleted === true,
    events: pendingEventsOf(Item),
    since: typeof Item.pending_since === 'string' ? Item.pending_since : null,
    writeId: typeof Item.write_id === 'string' ? Item.write_id : null,
  };
}
