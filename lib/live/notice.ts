import { z } from 'zod';
import { EVENT_TYPES } from '../events/schema';

/**
 * What goes over the live channels (lib/live/pubsub.ts): a tiny notice that something changed, never
 * the change itself; a client that hears one calls sync. Plain module: tests parse these too.
 */

/** A task write is announced under its last event's type (lib/events/schema.ts); lists and sessions add theirs. */
export const NOTICE_TYPES = [
  ...EVENT_TYPES,
  'list.created',
  'list.updated',
  'list.deleted',
  'member.added',
  'member.changed',
  'member.removed',
  'session.ended',
] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

export const liveNoticeSchema = z.strictObject({
  type: z.enum(NOTICE_TYPES),
  listId: z.string().min(1).max(128).optional(),
  taskId: z.string().min(1).max(128).optional(),
  version: z.number().int().positive().optional(),
  /** The member a membership notice is about. */
  userId: z.string().min(1).max(128).optional(),
});
export type LiveNotice = z.infer<typeof liveNoticeSchema>;

/** Everyone who can see the list listens here: its tasks' changes and its membership. */
export const listChannel = (listId: string) => `list:${listId}`;
/** One person's own channel: their memberships and the end of their sessions. */
export const userChannel = (userId: string) => `user:${userId}`;

/** The notice in a message, or null for one this version does not understand (it is ignored). */
export function parseNotice(message: string): LiveNotice | null {
  try {
    const parsed = liveNoticeSchema.safeParse(JSON.parse(message));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
