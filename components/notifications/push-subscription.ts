'use client';

import { fetchPushKey, savePushSubscription } from '@/lib/client/push-api';

/**
 * Turning on the browser's notifications: asked for only on a click (the bell's popover), then Web Push
 * through the PWA's service worker when there is one.
 */

function applicationServerKey(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const bytes = atob(base64);
  const key = new Uint8Array(new ArrayBuffer(bytes.length));
  for (let i = 0; i < bytes.length; i += 1) key[i] = bytes.charCodeAt(i);
  return key;
}

/** Subscribes this browser to Web Push if a service worker is registered and the server has a key; else in-page notifications only. */
async function subscribeToPush(): Promise<void> {
  if (!('serviceWorker' in navigator) || !('PushManager' in window)) return;
  const registration = await navigator.serviceWorker.getRegistration();
  const key = registration ? await fetchPushKey() : null;
  if (!registration || !key) return;
  const subscription = (await registration.pushManager.getSubscription()) ?? (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: applicationServerKey(key) }));
  await savePushSubscription(subscription.toJSON());
}

/** Call from a click: the browser asks the person; returns what they chose. */
export async function turnOnNotifications(): Promise<NotificationPermission> {
  const permission = await Notification.requestPermission();
  if (permission === 'granted') await subscribeToPush().catch(() => undefined);
  return permission;
}
