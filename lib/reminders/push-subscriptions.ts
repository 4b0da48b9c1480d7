import { DeleteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PUSH_SK_PREFIX, pushSk, userPk, type PushSubscriptionItem } from './items';

/** A person's Web Push subscriptions (one per browser), read by the consumer and written by the app. Plain code. */

type Db = { readonly dynamodb: DynamoDBDocumentClient; readonly tables: { readonly REMINDERS_TABLE: string } };

/** At most a few per person (one per browser): one Query. */
export async function readPushSubscriptions(db: Db, userId: string): Promise<PushSubscriptionItem[]> {
  const { Items = [] } = await db.dynamodb.send(
    new QueryCommand({
      TableName: db.tables.REMINDERS_TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': userPk(userId), ':prefix': PUSH_SK_PREFIX },
      Limit: 50,
    }),
  );
  return Items as PushSubscriptionItem[];
}

/** Keyed by the endpoint: subscribing the same browser again rewrites its keys. */
export async function writePushSubscription(db: Db, userId: string, subscription: Pick<PushSubscriptionItem, 'endpoint' | 'keys'>, now: string): Promise<void> {
  const item: PushSubscriptionItem = { pk: userPk(userId), sk: pushSk(subscription.endpoint), endpoint: subscription.endpoint, keys: subscription.keys, created_at: now };
  await db.dynamodb.send(new PutCommand({ TableName: db.tables.REMINDERS_TABLE, Item: item }));
}

export async function removePushSubscription(db: Db, userId: string, endpoint: string): Promise<void> {
  await db.dynamodb.send(new DeleteCommand({ TableName: db.tables.REMINDERS_TABLE, Key: { pk: userPk(userId), sk: pushSk(endpoint) } }));
}
