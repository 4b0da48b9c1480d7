import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dueText, reminderEmail, type RenderedEmail } from '../email/templates';
import { REMINDERS_INDEX } from '../data/tables';
import { isVisible, readListAndMember } from '../lists/membership-read';
import { isTombstone, toTask } from '../tasks/item';
import type { Task } from '../tasks/schema';
import { CHANNELS, DUE_SHARDS, KEEP_SECONDS, notificationIdOf, notificationSk, userPk, type Channel, type NotificationItem, type ReminderItem } from './items';
import { readPushSubscriptions, removePushSubscription } from './push-subscriptions';
import { removeReminder } from './store';

/**
 * The reminder consumer's work (docs/data-model.md, "Reminders"): find what is due at `now` through the
 * sparse due index, claim each reminder with a conditional write, check the person may still see the
 * task, and deliver each channel once. Plain code with its dependencies passed in: the Lambda handler
 * (worker/reminder-handler.ts) builds them from its environment, tests build them against the emulators.
 */

export type PushPayload = { readonly title: string; readonly body: string; readonly url: string; readonly tag: string };
export type PushTarget = { readonly endpoint: string; readonly keys: { readonly p256dh: string; readonly auth: string } };

export type DeliveryDeps = {
  readonly dynamodb: DynamoDBDocumentClient;
  /** By the settings that name them (REMINDERS_TABLE, …), as the IAM test reads which table a command goes to. */
  readonly tables: { readonly REMINDERS_TABLE: string; readonly TODOS_TABLE: string; readonly LISTS_TABLE: string };
  /** Null when no sender is configured: reminders are then not emailed. */
  readonly sendEmail: ((to: string, email: RenderedEmail) => Promise<void>) | null;
  /** Null when Web Push is not configured. 'gone': the push service says the subscription ended. */
  readonly sendPush: ((target: PushTarget, payload: PushPayload) => Promise<'sent' | 'gone'>) | null;
  readonly appUrl: string;
  /** Names this run's claims. */
  readonly consumerId: string;
};

export type DeliveryResult = { readonly due: number; readonly delivered: number; readonly dropped: number; readonly failed: number };

/** A claim lasts this long: a consumer that died holding one is retried after it. */
export const LEASE_MS = 60_000;
/** Due reminders read per shard and run; the next run takes the rest. */
const PAGE = 100;

async function dueKeys(deps: DeliveryDeps, now: Date): Promise<{ pk: string; sk: string; due_key: string }[]> {
  const shards = Array.from({ length: DUE_SHARDS }, (_, shard) => String(shard));
  const pages = await Promise.all(
    shards.map((shard) =>
      deps.dynamodb.send(
        new QueryCommand({
          TableName: deps.tables.REMINDERS_TABLE,
          IndexName: REMINDERS_INDEX.due,
          KeyConditionExpression: 'due_shard = :shard AND due_key <= :upTo',
          // `~` sorts after `#`: every key of an instant up to now, whatever its id.
          ExpressionAttributeValues: { ':shard': shard, ':upTo': `${now.toISOString()}~` },
          Limit: PAGE,
        }),
      ),
    ),
  );
  return pages.flatMap((page) => (page.Items ?? []) as { pk: string; sk: string; due_key: string }[]);
}

/** Takes the reminder for this run unless another consumer holds it; null when it does, or it moved meanwhile. */
async function claim(deps: DeliveryDeps, key: { pk: string; sk: string; due_key: string }, now: Date): Promise<ReminderItem | null> {
  try {
    const { Attributes } = await deps.dynamodb.send(
      new UpdateCommand({
        TableName: deps.tables.REMINDERS_TABLE,
        Key: { pk: key.pk, sk: key.sk },
        UpdateExpression: 'SET lease_until = :until, lease_owner = :me',
        ConditionExpression: 'due_key = :dueKey AND (attribute_not_exists(lease_until) OR lease_until < :now)',
        ExpressionAttributeValues: { ':until': now.getTime() + LEASE_MS, ':me': deps.consumerId, ':dueKey': key.due_key, ':now': now.getTime() },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes as ReminderItem;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return null;
    throw error;
  }
}

/** An update made only while this run still holds the claim and the reminder was not re-planned meanwhile. */
async function updateWhileHeld(deps: DeliveryDeps, item: ReminderItem, update: string, values: Record<string, unknown>): Promise<void> {
  await deps.dynamodb.send(
    new UpdateCommand({
      TableName: deps.tables.REMINDERS_TABLE,
      Key: { pk: item.pk, sk: item.sk },
      UpdateExpression: update,
      ConditionExpression: 'lease_owner = :me AND due_key = :dueKey',
      ExpressionAttributeValues: { ...values, ':me': deps.consumerId, ':dueKey': item.due_key },
    }),
  );
}

/** Records one channel as delivered (or as possibly delivered): a retry skips it. */
const recordChannel = (deps: DeliveryDeps, item: ReminderItem, channel: Channel) =>
  updateWhileHeld(deps, item, 'SET sent_channels = list_append(if_not_exists(sent_channels, :none), :channel) REMOVE attempting', { ':none': [], ':channel': [channel] });

/**
 * Email has no idempotency key at SES: a send whose answer was lost (a timeout, a dropped connection,
 * the consumer killed) may have gone out. It is marked before sending and cleared only by an answer, so
 * a retry that finds the mark does not send it a second time. In-app is an idempotent put, and a push
 * sent again carries the same topic and tag, which replace the first copy, so those two are retried.
 */
const AT_MOST_ONCE: ReadonlySet<Channel> = new Set(['email']);

const markAttempt = (deps: DeliveryDeps, item: ReminderItem, channel: Channel) => updateWhileHeld(deps, item, 'SET attempting = :channel', { ':channel': channel });
const clearAttempt = (deps: DeliveryDeps, item: ReminderItem) => updateWhileHeld(deps, item, 'REMOVE attempting', {});

/** The service answered with an error (an AWS SDK service exception carries the status): nothing was sent. */
function refusedByService(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return false;
  const metadata = error.$metadata;
  return typeof metadata === 'object' && metadata !== null && 'httpStatusCode' in metadata && typeof metadata.httpStatusCode === 'number';
}

async function sendAtMostOnce(deps: DeliveryDeps, item: ReminderItem, channel: Channel, send: () => Promise<void>): Promise<void> {
  if (item.attempting === channel) {
    console.warn(JSON.stringify({ level: 'warn', event: 'reminder-channel-outcome-unknown', reminder: item.reminder_id, channel }));
    return;
  }
  await markAttempt(deps, item, channel);
  try {
    await send();
  } catch (error) {
    if (refusedByService(error)) await clearAttempt(deps, item);
    throw error;
  }
}

/** Out of the due index for good, kept a while as sent. */
const finish = (deps: DeliveryDeps, item: ReminderItem, now: Date) =>
  updateWhileHeld(deps, item, 'REMOVE due_shard, due_key, lease_until, lease_owner SET sent_at = :now, expires_at = :expires', {
    ':now': now.toISOString(),
    ':expires': Math.floor(now.getTime() / 1000) + KEEP_SECONDS,
  });

async function readTask(deps: DeliveryDeps, item: ReminderItem): Promise<Task | null> {
  const { Item } = await deps.dynamodb.send(new GetCommand({ TableName: deps.tables.TODOS_TABLE, Key: { user_id: item.task_owner, todo_id: item.task_id }, ConsistentRead: true }));
  return Item && !isTombstone(Item) ? toTask(Item) : null;
}

/** The in-app notification: a conditional put of a fixed id, so a retry finds the one it made. */
async function notifyInApp(deps: DeliveryDeps, item: ReminderItem, task: Task, now: Date): Promise<void> {
  const id = notificationIdOf(item.reminder_id, item.at);
  const notification: NotificationItem = {
    pk: userPk(item.user_id),
    sk: notificationSk(item.at, id),
    notification_id: id,
    task_id: task.id,
    list_id: task.listId,
    title: task.title,
    at: item.at,
    read: false,
    unread_of: item.user_id,
    created_at: now.toISOString(),
    expires_at: Math.floor(now.getTime() / 1000) + KEEP_SECONDS,
  };
  try {
    await deps.dynamodb.send(new PutCommand({ TableName: deps.tables.REMINDERS_TABLE, Item: notification, ConditionExpression: 'attribute_not_exists(pk)' }));
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

const taskUrl = (deps: DeliveryDeps, task: Task) => `${deps.appUrl.replace(/\/$/, '')}/?task=${encodeURIComponent(task.id)}`;

async function pushAll(deps: DeliveryDeps, item: ReminderItem, task: Task): Promise<void> {
  if (!deps.sendPush) return;
  const payload: PushPayload = {
    title: `Reminder: ${task.title}`,
    body: dueText(task.dueDate, task.dueTime) ?? 'Open the task',
    url: `/?task=${encodeURIComponent(task.id)}`,
    tag: notificationIdOf(item.reminder_id, item.at),
  };
  for (const subscription of await readPushSubscriptions(deps, item.user_id)) {
    if ((await deps.sendPush(subscription, payload)) === 'gone') await removePushSubscription(deps, item.user_id, subscription.endpoint);
  }
}

type Outcome = 'delivered' | 'dropped';

async function deliver(deps: DeliveryDeps, item: ReminderItem, now: Date): Promise<Outcome> {
  const task = await readTask(deps, item);
  const found = task && !task.completed ? await readListAndMember({ client: deps.dynamodb, LISTS_TABLE: deps.tables.LISTS_TABLE }, task.listId, item.user_id) : null;
  // Gone, completed, or no longer visible to this person: never sent, and nothing left to send.
  if (!task || !found || !isVisible(found)) {
    await removeReminder({ client: deps.dynamodb, REMINDERS_TABLE: deps.tables.REMINDERS_TABLE }, item);
    return 'dropped';
  }
  const sent = new Set(item.sent_channels ?? []);
  const send: Record<Channel, () => Promise<void>> = {
    inApp: () => notifyInApp(deps, item, task, now),
    email: async () => deps.sendEmail?.(found.member.email, reminderEmail({ taskTitle: task.title, dueDate: task.dueDate, dueTime: task.dueTime, taskUrl: taskUrl(deps, task) })),
    push: () => pushAll(deps, item, task),
  };
  for (const channel of CHANNELS) {
    if (sent.has(channel)) continue;
    if (AT_MOST_ONCE.has(channel)) await sendAtMostOnce(deps, item, channel, send[channel]);
    else await send[channel]();
    await recordChannel(deps, item, channel);
  }
  await finish(deps, item, now);
  return 'delivered';
}

/** One run at `now`: every due reminder this run can claim, each delivered or dropped; failures wait for their lease to end. */
export async function deliverDueReminders(deps: DeliveryDeps, now: Date): Promise<DeliveryResult> {
  const keys = await dueKeys(deps, now);
  const outcomes = await Promise.all(
    keys.map(async (key): Promise<Outcome | 'failed' | 'skipped'> => {
      const item = await claim(deps, key, now);
      if (!item) return 'skipped';
      try {
        return await deliver(deps, item, now);
      } catch (error) {
        console.error(JSON.stringify({ level: 'error', event: 'reminder-failed', reminder: item.reminder_id, error: error instanceof Error ? error.message : String(error) }));
        return 'failed';
      }
    }),
  );
  const count = (what: string) => outcomes.filter((outcome) => outcome === what).length;
  return { due: keys.length, delivered: count('delivered'), dropped: count('dropped'), failed: count('failed') };
}
