import { apiFetch } from './api';

/** The browser's Web Push calls: the server's public key, and this browser's subscription. */

export async function fetchPushKey(): Promise<string | null> {
  return ((await apiFetch('/api/push/key')) as { publicKey: string | null }).publicKey;
}

export async function savePushSubscription(subscription: PushSubscriptionJSON): Promise<void> {
  await apiFetch('/api/push/subscriptions', { method: 'POST', body: subscription });
}
