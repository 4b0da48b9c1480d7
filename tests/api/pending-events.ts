/** Reading the events that wait on task items (lib/events/pending.ts) straight from the emulator, as the sweeper finds them. */
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TODOS_INDEX } from '../../lib/data/tables';
import { PENDING_SHARDS, pendingShardOf } from '../../lib/events/pending';

type Key = { user_id: string; todo_id: string };

/** The items the sparse PendingEventsIndex lists in one shard. */
async function indexedKeys(dynamodb: DynamoDBDocumentClient, table: string, shard: string): Promise<Key[]> {
  const { Items = [] } = await dynamodb.send(
    new QueryCommand({ TableName: table, IndexName: TODOS_INDEX.pendingEvents, KeyConditionExpression: 'pending_shard = :shard', ExpressionAttributeValues: { ':shard': shard } }),
  );
  return Items.map((item) => ({ user_id: String(item.user_id), todo_id: String(item.todo_id) }));
}

/** Whether the index lists the task: the sweeper's only way to find it. */
export async function indexedAsPending(dynamodb: DynamoDBDocumentClient, table: string, taskId: string): Promise<boolean> {
  return (await indexedKeys(dynamodb, table, pendingShardOf(taskId))).some((key) => key.todo_id === taskId);
}

/** How many events wait on the items the index lists. */
export async function waitingEventCount(dynamodb: DynamoDBDocumentClient, table: string): Promise<number> {
  let count = 0;
  for (let shard = 0; shard < PENDING_SHARDS; shard += 1) {
    for (const key of await indexedKeys(dynamodb, table, String(shard))) {
      const { Item } = await dynamodb.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
      count += Object.keys((Item?.pending_events as object | undefined) ?? {}).length;
    }
  }
  return count;
}
