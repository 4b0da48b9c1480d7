'use client';

/** The browser's own notifications for reminders that arrive while the app is open; turning them on is ./push-subscription.ts. */

export function notificationsSupported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

export function showBrowserNotification(title: string, url: string): void {
  if (!notificationsSupported() || Notification.permission !== 'granted') return;
  const notification = new Notification(`Reminder: ${title}`, { tag: url, icon: '/icon.svg' });
  notification.onclick = () => {
    window.focus();
    window.location.assign(url);
  };
}
