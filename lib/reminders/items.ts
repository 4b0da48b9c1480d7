import { createHash } from 'node:crypto';
import type { ReminderRule } from './rules';

/**
 * How reminders, notifications and push subscriptions are stored in the `reminders` table
 * (docs/data-model.md, "Reminders"). Plain code: the app and the reminder consumer both build keys here.
 */

export const CHANNELS = ['inApp', 'email', 'push'] as const;
export type Channel = (typeof CHANNELS)[number];

export type ReminderItem = {
  pk: string;
  sk: string;
  reminder_id: string;
  user_id: string;
  task_id: string;
  /** The task's partition in `todos` (its creator), so the consumer reads it with one GetItem. */
  task_owner: string;
  rule: ReminderRule;
  /** The person's zone when they set it: relative reminders are re-planned in it. */
  time_zone: string;
  at: string;
  /** Only while still to send (sparse index). */
  due_shard?: string;
  due_key?: string;
  /** Channels already delivered for this `at`: a retry skips them. */
  sent_channels?: Channel[];
  /**
   * A channel sent at most once (email) whose send began and did not end with an answer: it may have
   * gone out, so a retry does not send it again (delivery.ts, "at most once").
   */
  attempting?: Channel;
  /** A consumer's claim: no other sends it before this time (ms) has passed. */
  lease_until?: number;
  lease_owner?: string;
  sent_at?: string;
  expires_at?: number;
};

export type NotificationItem = {
  pk: string;
  sk: string;
  notification_id: string;
  task_id: string;
  list_id: string;
  title: string;
  at: string;
  read: boolean;
  /** The person's id while unread (the sparse unread index). */
  unread_of?: string;
  created_at: string;
  expires_at: number;
};

export type PushSubscriptionItem = {
  pk: string;
  sk: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  created_at: string;
};

/** Shards of the due index: a handful, so one hot partition never holds every pending reminder. */
export const DUE_SHARDS = 4;

export const taskPk = (taskId: string) => `T#${taskId}`;
export const userPk = (userId: string) => `U#${userId}`;
export const reminderSk = (userId: string, reminderId: string) => `R#${userId}#${reminderId}`;
export const remindersOfUserPrefix = (userId: string) => `R#${userId}#`;
export const REMINDER_SK_PREFIX = 'R#';
export const NOTIFICATION_SK_PREFIX = 'N#';
export const PUSH_SK_PREFIX = 'P#';

/** Newest first when read backwards: the instant it fired, then its id. */
export const notificationSk = (at: string, notificationId: string) => `${NOTIFICATION_SK_PREFIX}${at}#${notificationId}`;
export const pushSk = (endpoint: string) => `${PUSH_SK_PREFIX}${createHash('sha256').update(endpoint).digest('base64url')}`;

/** One notification per reminder and planned instant: a retried delivery writes the same one. */
export const notificationIdOf = (reminderId: string, at: string) => createHash('sha256').update(`${reminderId}#${at}`).digest('base64url').slice(0, 22);

export function dueShardOf(reminderId: string): string {
  return String(createHash('sha256').update(reminderId).digest()[0]! % DUE_SHARDS);
}

export const dueKeyOf = (at: string, reminderId: string) => `${at}#${reminderId}`;

/** Notifications and sent reminders are kept 30 days. */
export const KEEP_SECONDS = 30 * 24 * 60 * 60;

/** The item of a reminder planned for `at`: pending (in the due index), nothing sent yet. */
export function reminderItem(fields: Omit<ReminderItem, 'pk' | 'sk' | 'due_shard' | 'due_key' | 'sent_channels' | 'attempting' | 'lease_until' | 'lease_owner' | 'sent_at' | 'expires_at'>): ReminderItem {
  return {
    ...fields,
    pk: taskPk(fields.task_id),
    sk: reminderSk(fields.user_id, fields.reminder_id),
    due_shard: dueShardOf(fields.reminder_id),
    due_key: dueKeyOf(fields.at, fields.reminder_id),
  };
}

/** The same reminder planned for a new instant: pending again, with nothing sent for it yet. */
export function replannedItem(item: ReminderItem, at: string): ReminderItem {
  const { reminder_id, user_id, task_id, task_owner, rule, time_zone } = item;
  return reminderItem({ reminder_id, user_id, task_id, task_owner, rule, time_zone, at });
}
