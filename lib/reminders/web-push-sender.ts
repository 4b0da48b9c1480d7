import type { Agent } from 'node:https';
import webpush from 'web-push';
import type { PushPayload, PushTarget } from './delivery';

/** VAPID keys (base64url, as `web-push generate-vapid-keys` prints them) and the contact the push services see. */
export type VapidKeys = { readonly publicKey: string; readonly privateKey: string; readonly subject: string };

/**
 * How long a push service keeps a reminder for a browser that is offline. A reminder is about now: a
 * quarter of an hour late it is stale, and the bell and the email still hold it.
 */
export const PUSH_TTL_SECONDS = 15 * 60;
/** Delivered at once, even to a phone saving battery: the person asked to be reminded at this minute. */
export const PUSH_URGENCY = 'high';

/**
 * Sends one encrypted Web Push message; 404/410 from the push service mean the browser unsubscribed.
 * Its Topic is the reminder's notification id (payload.tag, 22 base64url characters; Web Push allows
 * 32): a send retried after a crash replaces a copy the push service still holds, instead of a second one.
 * `agent`: the HTTPS agent to reach push services with (a test trusts its local stand-in's certificate).
 */
export function webPushSender(vapid: VapidKeys, agent?: Agent): (target: PushTarget, payload: PushPayload) => Promise<'sent' | 'gone'> {
  return async (target, payload) => {
    try {
      await webpush.sendNotification({ endpoint: target.endpoint, keys: { ...target.keys } }, JSON.stringify(payload), {
        vapidDetails: { subject: vapid.subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
        TTL: PUSH_TTL_SECONDS,
        urgency: PUSH_URGENCY,
        topic: payload.tag,
        ...(agent ? { agent } : {}),
      });
      return 'sent';
    } catch (error) {
      if (error instanceof webpush.WebPushError && (error.statusCode === 404 || error.statusCode === 410)) return 'gone';
      throw error;
    }
  };
}
