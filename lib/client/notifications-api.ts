import type { Notification, NotificationPage } from '@/lib/reminders/notification-schema';
import { apiFetch } from './api';

/**
 * The browser's calls for the bell's notifications (the caller's own). Web Push is in ./push-api.ts and a
 * task's reminders in ./reminders-api.ts: only code loaded on demand uses those.
 */

export type { Notification, NotificationPage };

export function fetchNotifications(): Promise<NotificationPage> {
  return apiFetch('/api/notifications?limit=20') as Promise<NotificationPage>;
}

export function markNotificationsRead(which: { ids: string[] } | { all: true }): Promise<{ unread: number }> {
  return apiFetch('/api/notifications/read', { method: 'POST', body: which }) as Promise<{ unread: number }>;
}
