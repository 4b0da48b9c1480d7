import { DeleteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { REMINDER_SK_PREFIX, remindersOfUserPrefix, taskPk, type ReminderItem } from './items';

/**
 * Every DynamoDB expression on reminder items, as plain code taking the client and table: the app
 * (lib/reminders/service.ts) and the reminder consumer (lib/reminders/delivery.ts) share it.
 */

export type RemindersTable = { readonly client: DynamoDBDocumentClient; readonly REMINDERS_TABLE: string };

/** A task's reminders: one person's (`userId`) or every member's. One Query on the task's partition. */
export async function readTaskReminders(db: RemindersTable, taskId: string, userId?: string): Promise<ReminderItem[]> {
  const items: ReminderItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(
      new QueryCommand({
        TableName: db.REMINDERS_TABLE,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': taskPk(taskId), ':prefix': userId ? remindersOfUserPrefix(userId) : REMINDER_SK_PREFIX },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...((page.Items ?? []) as ReminderItem[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Writes a reminder planned afresh: whatever was claimed or sent for its old time no longer counts. */
export async function writeReminder(db: RemindersTable, item: ReminderItem): Promise<void> {
  await db.client.send(new PutCommand({ TableName: db.REMINDERS_TABLE, Item: item }));
}

/** Deleting one already gone is no error: cancelling is safe to retry. */
export async function removeReminder(db: RemindersTable, item: Pick<ReminderItem, 'pk' | 'sk'>): Promise<void> {
  await db.client.send(new DeleteCommand({ TableName: db.REMINDERS_TABLE, Key: { pk: item.pk, sk: item.sk } }));
}

export async function removeReminders(db: RemindersTable, items: readonly Pick<ReminderItem, 'pk' | 'sk'>[]): Promise<void> {
  await Promise.all(items.map((item) => removeReminder(db, item)));
}
