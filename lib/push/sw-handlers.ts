/**
 * The service worker's side of reminders, for the PWA's /sw.js to import and install:
 *   import { installReminderHandlers } from '@/lib/push/sw-handlers';
 *   installReminderHandlers(self as unknown as ServiceWorkerGlobalScope);
 * `push` shows the reminder the consumer sent (lib/reminders/delivery.ts, PushPayload); a click on it focuses
 * an open Todoer tab on the task, or opens one.
 */

type PushPayload = { readonly title: string; readonly body: string; readonly url: string; readonly tag: string };

/** The parts of a service worker's global scope these handlers use (no "webworker" lib in this project). */
type ExtendableEvent = Event & { waitUntil(promise: Promise<unknown>): void };
type PushEvent = ExtendableEvent & { readonly data: { json(): unknown } | null };
type NotificationEvent = ExtendableEvent & { readonly notification: globalThis.Notification };
type WindowClient = { readonly url: string; focus(): Promise<unknown>; navigate(url: string): Promise<unknown> };
export type ReminderWorkerScope = {
  readonly registration: { showNotification(title: string, options: NotificationOptions): Promise<void> };
  readonly clients: { matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly WindowClient[]>; openWindow(url: string): Promise<unknown> };
  readonly location: { readonly origin: string };
  addEventListener(type: 'push', listener: (event: PushEvent) => void): void;
  addEventListener(type: 'notificationclick', listener: (event: NotificationEvent) => void): void;
};

function payloadOf(event: PushEvent): PushPayload | null {
  try {
    const data = event.data?.json() as Partial<PushPayload> | undefined;
    return data && typeof data.title === 'string' && typeof data.url === 'string' ? { title: data.title, body: data.body ?? '', url: data.url, tag: data.tag ?? data.url } : null;
  } catch {
    return null;
  }
}

export function handlePush(scope: ReminderWorkerScope, event: PushEvent): void {
  const payload = payloadOf(event);
  if (!payload) return;
  event.waitUntil(scope.registration.showNotification(payload.title, { body: payload.body, tag: payload.tag, data: { url: payload.url }, icon: '/icon.svg' }));
}

export function handleNotificationClick(scope: ReminderWorkerScope, event: NotificationEvent): void {
  event.notification.close();
  const path = (event.notification.data as { url?: string } | null)?.url ?? '/';
  // Only our own pages: a payload can name a path, never another site.
  const url = new URL(path, scope.location.origin);
  if (url.origin !== scope.location.origin) return;
  event.waitUntil(
    scope.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(async (windows) => {
      const open = windows.find((client) => new URL(client.url).origin === scope.location.origin);
      if (!open) return scope.clients.openWindow(url.href);
      await open.navigate(url.href);
      return open.focus();
    }),
  );
}

export function installReminderHandlers(scope: ReminderWorkerScope): void {
  scope.addEventListener('push', (event) => handlePush(scope, event));
  scope.addEventListener('notificationclick', (event) => handleNotificationClick(scope, event));
}
