import 'server-only';
import { forgetSessionAnswers, assertSessionLive, identityOfFreshToken } from '../auth/revocation';
import type { AuthenticatedUser } from '../auth/session';
import { env } from '../env';
import { UnauthorizedError } from '../errors';
import { inboxIdFor } from '../lists/items';
import { visibleMemberships } from '../lists/service';
import type { Listener } from './hub';
import { reserveStream } from './limits';
import { listChannel, parseNotice, userChannel, type LiveNotice } from './notice';
import { pubSub } from './pubsub';
import { commentFrame, eventFrame, retryFrame, type SseEvent } from './sse';
import type { Subscription } from './subscription';

/**
 * One caller's live stream (SPEC §6.3): `change` for every change on a list they can see, `lists` when
 * their lists changed, `resync` when they may have missed something; each tells the client to sync.
 * It hears its person's channel and one channel per visible list, follows their memberships, and ends
 * with their session (or when its access token expires: the client reconnects with a fresh one). It
 * never runs out of lists: the Inbox cannot be deleted, and deleting the account ends the session.
 */

export const STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  // no-transform also keeps Next's gzip (compression middleware) from buffering the stream.
  'Cache-Control': 'no-store, no-transform',
  'X-Accel-Buffering': 'no',
} as const;

const RECONNECT_AFTER_MS = 3000;

/**
 * The channels of every list the person can see (lists being deleted left out: their members are told
 * at once), and always their Inbox's, whose id is fixed: it is made on first use, perhaps after this.
 */
async function visibleListChannels(userId: string): Promise<string[]> {
  const listIds = new Set([inboxIdFor(userId), ...(await visibleMemberships(userId)).map(({ list }) => list.list_id)]);
  return [...listIds].map(listChannel);
}

const MEMBERSHIP_TYPES = new Set<LiveNotice['type']>(['member.added', 'member.changed', 'member.removed', 'list.created', 'list.deleted']);

export async function openEventStream(user: AuthenticatedUser, resumed: boolean, signal: AbortSignal): Promise<Response> {
  const identity = identityOfFreshToken(user.accessToken);
  if (!identity) throw new UnauthorizedError();
  const slot = reserveStream(user.id);
  const ownChannel = userChannel(user.id);
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let subscription: Subscription | undefined;
  let nextId = 1;
  let closed = false;
  let membershipRead = Promise.resolve();
  const timers: ReturnType<typeof setTimeout>[] = [];

  const send = (frame: Uint8Array) => {
    if (closed || !controller) return;
    try {
      controller.enqueue(frame);
    } catch {
      close();
    }
  };
  const sendEvent = (event: Omit<SseEvent, 'id'>) => send(eventFrame({ ...event, id: nextId++ }));

  function close(): void {
    if (closed) return;
    closed = true;
    for (const timer of timers) clearTimeout(timer);
    subscription?.close();
    slot.release();
    try {
      controller?.close();
    } catch {
      // Already closed by the client going away.
    }
  }

  /** Reads the person's lists again and hears exactly those; one read at a time, in order. */
  const followMemberships = () => {
    membershipRead = membershipRead.then(async () => {
      if (closed || !subscription) return;
      const wanted = new Set(await visibleListChannels(user.id));
      subscription.remove([...subscription.channels].filter((channel) => channel !== ownChannel && !wanted.has(channel)));
      await subscription.add([...wanted]);
    }).catch(() => sendEvent({ event: 'resync', data: {} }));
  };

  const endIfSessionEnded = async () => {
    forgetSessionAnswers(user.id);
    try {
      await assertSessionLive(identity);
    } catch (error) {
      if (error instanceof UnauthorizedError) {
        sendEvent({ event: 'end', data: { reason: 'session' } });
        close();
      }
    }
  };

  const onNotice = (channel: string, notice: LiveNotice) => {
    if (notice.type === 'session.ended') {
      if (channel === ownChannel) void endIfSessionEnded();
      return;
    }
    const lostList = notice.listId && (notice.type === 'list.deleted' || (notice.type === 'member.removed' && notice.userId === user.id));
    if (lostList && subscription) {
      // Stop hearing the list before anything else arrives on it, then confirm against the table.
      const listed = subscription.channels.has(listChannel(notice.listId!));
      subscription.remove([listChannel(notice.listId!)]);
      if (listed) sendEvent({ event: 'lists', data: { type: notice.type, listId: notice.listId } });
      followMemberships();
      return;
    }
    if (channel === ownChannel && MEMBERSHIP_TYPES.has(notice.type)) {
      sendEvent({ event: 'lists', data: { type: notice.type, listId: notice.listId } });
      followMemberships();
      return;
    }
    sendEvent({ event: 'change', data: { listId: notice.listId, taskId: notice.taskId, version: notice.version, type: notice.type } });
  };

  const listener: Listener = {
    onMessage(channel, message) {
      const notice = parseNotice(message);
      if (notice) onNotice(channel, notice);
    },
    onGap: () => sendEvent({ event: 'resync', data: {} }),
  };

  try {
    // The person's own channel first: a membership change from now on is heard, whatever the read below sees.
    subscription = await pubSub().subscribe([ownChannel], listener);
    await subscription.add(await visibleListChannels(user.id));
  } catch (error) {
    subscription?.close();
    slot.release();
    throw error;
  }

  const body = new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
      send(retryFrame(RECONNECT_AFTER_MS));
      send(commentFrame('connected'));
      if (resumed) sendEvent({ event: 'resync', data: {} });
      const heartbeat = setInterval(() => send(commentFrame('heartbeat')), env().LIVE_HEARTBEAT_MS);
      timers.push(heartbeat);
      const expiresInMs = identity.expiresAt * 1000 - Date.now();
      timers.push(setTimeout(() => { sendEvent({ event: 'end', data: { reason: 'expired' } }); close(); }, Math.max(0, expiresInMs)));
    },
    cancel: close,
  });
  if (signal.aborted) close();
  signal.addEventListener('abort', close, { once: true });
  return new Response(body, { status: 200, headers: STREAM_HEADERS });
}
