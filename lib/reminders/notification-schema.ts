import { z } from 'zod';

/** The in-app notifications API (GET /api/notifications, POST /api/notifications/read) and push subscriptions. */

export type Notification = {
  readonly id: string;
  readonly taskId: string;
  readonly listId: string;
  readonly title: string;
  /** When the reminder was due. */
  readonly at: string;
  readonly read: boolean;
};

export type NotificationPage = { readonly items: Notification[]; readonly nextCursor: string | null; readonly unread: number };

export const NOTIFICATIONS_PAGE_MAX = 50;

export const listNotificationsQuerySchema = z.strictObject({
  limit: z.coerce
    .number({ error: `limit is a number from 1 to ${NOTIFICATIONS_PAGE_MAX}.` })
    .int(`limit is a number from 1 to ${NOTIFICATIONS_PAGE_MAX}.`)
    .min(1, `limit is a number from 1 to ${NOTIFICATIONS_PAGE_MAX}.`)
    .max(NOTIFICATIONS_PAGE_MAX, `limit is a number from 1 to ${NOTIFICATIONS_PAGE_MAX}.`)
    .default(20),
  cursor: z.string().max(2048, 'That cursor is not valid.').optional(),
});

const notificationIdSchema = z.string({ error: 'A notification id is text.' }).regex(/^[\w-]{1,64}$/, 'That is not a notification id.');

export const markReadSchema = z.union(
  [
    z.strictObject({ ids: z.array(notificationIdSchema, { error: 'ids is a list of notification ids.' }).min(1, 'Name at least one notification.').max(100, 'At most 100 ids at a time.') }),
    z.strictObject({ all: z.literal(true, { error: 'all is true.' }) }),
  ],
  { error: 'Send {ids: [...]} or {all: true}.' },
);

const base64url = (what: string) => z.string({ error: `${what} is a base64url string.` }).regex(/^[A-Za-z0-9_-]+={0,2}$/, `${what} is a base64url string.`).max(512, `${what} is too long.`);

/** A browser's PushSubscription.toJSON(). Only https endpoints: that is what push services are (and all web-push speaks). */
export const pushSubscriptionSchema = z.object({
  endpoint: z.url({ protocol: /^https$/, error: 'endpoint is the https URL of the push service of the subscription.' }).max(2048, 'endpoint is too long.'),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({ p256dh: base64url('keys.p256dh'), auth: base64url('keys.auth') }, { error: 'keys holds p256dh and auth.' }),
});

export const pushEndpointSchema = z.strictObject({ endpoint: z.url({ error: 'endpoint is the push service URL of the subscription.' }).max(2048, 'endpoint is too long.') });
