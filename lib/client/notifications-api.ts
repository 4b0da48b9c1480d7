import type { Notification, NotificationPage } from '@/lib/reminders/notification-schema';
import type { Reminder, ReminderRule } from '@/lib/reminders/rules';
import { apiFetch } from './api';

/** The browser's calls for notifications, Web Push and a task's reminders (the caller's own). */

export type { Notification, NotificationPage };

export function fetchNotifications(): Promise<NotificationPage> {
  return apiFetch('/api/notifications?limit=20') as Promise<NotificationPage>;
}

export function markNotificationsRead(which: { ids: string[] } | { all: true }): Promise<{ unread: number }> {
  return apiFetch('/api/notifications/read', { method: 'POST', body: which }) as Promise<{ unread: number }>;
}

export async function fetchPushKey(): Promise<string | null> {
  return ((await apiFetch('/api/push/key')) as { publicKey: string | null }).publicKey;
}

export async function savePushSubscription(subscription: PushSubscriptionJSON): Promise<void> {
  await apiFetch('/api/push/subscriptions', { method: 'POST', body: subscription });
}

export async function fetchTaskReminders(taskId: string): Promise<Reminder[]> {
  return ((await apiFetch(`/api/tasks/${encodeURIComponent(taskId)}`)) as { reminders?: Reminder[] }).reminders ?? [];
}

export async function saveTaskReminders(taskId: string, rules: readonly ReminderRule[]): Promise<Reminder[]> {
  return ((await apiFetch(`/api/tasks/${encodeURIComponent(taskId)}`, { method: 'PATCH', body: { reminders: rules } })) as { reminders: Reminder[] }).reminders;
}
