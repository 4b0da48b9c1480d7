import 'server-only';
import type { PendingOnItem } from '../events/pending';
import { listChannel, userChannel, type LiveNotice } from './notice';
import { pubSub } from './pubsub';

/**
 * Tells open streams (app/api/events) that something changed. Never fails or delays the change it
 * follows: that is saved already, and a client that missed a notice catches up with its next sync.
 */

async function announce(channels: readonly string[], notice: LiveNotice): Promise<void> {
  const message = JSON.stringify(notice);
  await Promise.all(
    channels.map((channel) =>
      pubSub()
        .publish(channel, message)
        .catch((error: unknown) => console.warn(JSON.stringify({ level: 'warn', event: 'live-notice-dropped', channel, type: notice.type, error: error instanceof Error ? error.message : String(error) }))),
    ),
  );
}

/**
 * A task write: one notice per list that saw it (the old one too, for a move), naming the task's
 * latest version and what happened last. A write without events (tags, subtasks, order) still counts.
 */
export async function announceTaskWrite(onItem: PendingOnItem): Promise<void> {
  const last = onItem.events.at(-1);
  const lists = new Set<string>();
  if (onItem.listId) lists.add(onItem.listId);
  for (const event of onItem.events) {
    if (event.listId) lists.add(event.listId);
    const from = event.data.changes?.listId?.from;
    if (typeof from === 'string') lists.add(from);
  }
  const notice: LiveNotice = { type: last?.type ?? 'task.updated', taskId: onItem.key.todo_id, version: onItem.version };
  await Promise.all([...lists].map((listId) => announce([listChannel(listId)], { ...notice, listId })));
}

/** The list itself changed (name, colour): everyone who sees it hears. */
export function announceListChange(listId: string): Promise<void> {
  return announce([listChannel(listId)], { type: 'list.updated', listId });
}

/** A list appeared for its owner (their other devices hear it). */
export function announceListCreated(ownerId: string, listId: string): Promise<void> {
  return announce([userChannel(ownerId)], { type: 'list.created', listId });
}

/**
 * Someone joined, changed role or left: they hear it on their own channel first (a removed member's
 * stream stops hearing the list before anything else is said on it), then the list's members.
 */
export async function announceMembership(type: 'member.added' | 'member.changed' | 'member.removed', listId: string, userId: string): Promise<void> {
  const notice: LiveNotice = { type, listId, userId };
  await announce([userChannel(userId)], notice);
  await announce([listChannel(listId)], notice);
}

/** The list is gone for all of its members. */
export async function announceListDeleted(listId: string, memberIds: readonly string[]): Promise<void> {
  const notice: LiveNotice = { type: 'list.deleted', listId };
  await announce(memberIds.map(userChannel), notice);
  await announce([listChannel(listId)], notice);
}

/** One or all of the person's sessions ended: their open streams check whether theirs did. */
export function announceSessionEnd(userId: string): Promise<void> {
  return announce([userChannel(userId)], { type: 'session.ended', userId });
}
