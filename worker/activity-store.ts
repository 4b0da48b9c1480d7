import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { activityItem } from '../lib/activity/item';
import type { TaskEvent } from '../lib/events/schema';

export type StoreOutcome = 'stored' | 'duplicate';

/** Writes the event once: a redelivery finds its key taken and is reported as a duplicate. */
export async function storeActivity(client: DynamoDBDocumentClient, table: string, event: TaskEvent): Promise<StoreOutcome> {
  try {
    await client.send(new PutCommand({ TableName: table, Item: activityItem(event), ConditionExpression: 'attribute_not_exists(sk)' }));
    return 'stored';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'duplicate';
    throw error;
  }
}
