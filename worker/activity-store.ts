import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { activityItem } from '../lib/activity/item';
import type { TaskEvent } from '../lib/events/schema';

export type StoreOutcome = 'stored' | 'duplicate' | 'account-deleted';

/** The consumer's settings that name its tables (worker/config.ts). */
export type StoreTables = { readonly ACTIVITY_TABLE: string; readonly SESSIONS_TABLE: string };

/**
 * Whether the event's author deleted their account after it happened: then it was in flight when the
 * account's data went, and storing it would bring some back. The app records the deletion on the
 * person's sessions item (lib/auth/revocation.ts).
 */
async function authorDeletedSince(client: DynamoDBDocumentClient, tables: StoreTables, event: TaskEvent): Promise<boolean> {
  const { Item } = await client.send(
    new GetCommand({ TableName: tables.SESSIONS_TABLE, Key: { user_id: event.userId, sk: 'VALID_AFTER' }, ConsistentRead: true }),
  );
  return Item?.account_deleted === true && Date.parse(event.at) <= Number(Item.valid_after_ms ?? 0);
}

/** Writes the event once: a redelivery finds its key taken and is reported as a duplicate. */
export async function storeActivity(client: DynamoDBDocumentClient, tables: StoreTables, event: TaskEvent): Promise<StoreOutcome> {
  if (await authorDeletedSince(client, tables, event)) return 'account-deleted';
  try {
    await client.send(new PutCommand({ TableName: tables.ACTIVITY_TABLE, Item: activityItem(event), ConditionExpression: 'attribute_not_exists(sk)' }));
    return 'stored';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'duplicate';
    throw error;
  }
}
