import 'server-only';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '../aws/dynamodb';
import { decodeCursor, encodeCursor } from '../cursor';
import { REMINDERS_INDEX } from '../data/tables';
import { env } from '../env';
import { NOTIFICATION_SK_PREFIX, userPk, type NotificationItem } from './items';
import type { Notification, NotificationPage } from './notification-schema';
import { removePushSubscription, writePushSubscription } from './push-subscriptions';

/** The caller's in-app notifications and Web Push subscriptions: every read is in their own partition. */

const table = () => env().REMINDERS_TABLE;
const db = () => ({ dynamodb: dynamodb(), tables: { REMINDERS_TABLE: table() } });
const SCOPE = 'notifications';

function toNotification(item: NotificationItem): Notification {
  return { id: item.notification_id, taskId: item.task_id, listId: item.list_id, title: item.title, at: item.at, read: item.read };
}

/** Unread ones through the sparse index: the count reads only what is unread. */
async function unreadKeys(userId: string): Promise<{ pk: string; sk: string }[]> {
  const keys: { pk: string; sk: string }[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamodb().send(
      new QueryCommand({
        TableName: table(),
        IndexName: REMINDERS_INDEX.unread,
        KeyConditionExpression: 'unread_of = :me',
        ExpressionAttributeValues: { ':me': userId },
        ExclusiveStartKey: start,
      }),
    );
    // The index's own key (unread_of) comes along; the table's key is pk and sk alone.
    keys.push(...(page.Items ?? []).map((item) => ({ pk: String(item.pk), sk: String(item.sk) })));
    start = page.LastEvaluatedKey;
  } while (start);
  return keys;
}

/** Newest first, a page at a time, with the unread count. */
export async function listNotifications(userId: string, query: { limit: number; cursor?: string | undefined }): Promise<NotificationPage> {
  const after = query.cursor ? decodeCursor(query.cursor, userId, SCOPE, 1)[0]! : null;
  const [page, unread] = await Promise.all([
    dynamodb().send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': userPk(userId), ':prefix': NOTIFICATION_SK_PREFIX },
        ScanIndexForward: false,
        Limit: query.limit,
        ...(after ? { ExclusiveStartKey: { pk: userPk(userId), sk: after } } : {}),
      }),
    ),
    unreadKeys(userId),
  ]);
  const items = (page.Items ?? []) as NotificationItem[];
  const last = page.LastEvaluatedKey?.sk as string | undefined;
  return { items: items.map(toNotification), nextCursor: last ? encodeCursor([last], userId, SCOPE) : null, unread: unread.length };
}

async function markRead(key: { pk: string; sk: string }): Promise<void> {
  try {
    await dynamodb().send(
      new UpdateCommand({
        TableName: table(),
        Key: key,
        UpdateExpression: 'SET #read = :true REMOVE unread_of',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#read': 'read' },
        ExpressionAttributeValues: { ':true': true },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** Marks the named notifications (those of the caller; other ids are ignored) or every unread one as read; safe to repeat. */
export async function markNotificationsRead(userId: string, which: { ids: string[] } | { all: true }): Promise<{ unread: number }> {
  const unread = await unreadKeys(userId);
  const ids = 'ids' in which ? new Set(which.ids) : null;
  // The sort key ends in the id: `N#<at>#<id>`.
  const chosen = ids ? unread.filter((key) => ids.has(key.sk.slice(key.sk.lastIndexOf('#') + 1))) : unread;
  await Promise.all(chosen.map(markRead));
  return { unread: unread.length - chosen.length };
}

export function subscribePush(userId: string, subscription: { endpoint: string; keys: { p256dh: string; auth: string } }): Promise<void> {
  return writePushSubscription(db(), userId, subscription, new Date().toISOString());
}

export function unsubscribePush(userId: string, endpoint: string): Promise<void> {
  return removePushSubscription(db(), userId, endpoint);
}
