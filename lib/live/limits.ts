import 'server-only';
import { env } from '../env';
import { ServiceUnavailableError, TooManyRequestsError } from '../errors';

/**
 * Open streams, counted in this process (each holds a socket and a little memory): a person gets at
 * most LIVE_MAX_STREAMS_PER_USER (tabs and devices), the process at most LIVE_MAX_STREAMS_PER_PROCESS;
 * past them the load balancer's other tasks, or a later retry, take the connection.
 */

const KEY = Symbol.for('todoer.live-streams');
const store = globalThis as typeof globalThis & { [KEY]?: { total: number; perUser: Map<string, number> } };
const counts = (store[KEY] ??= { total: 0, perUser: new Map() });

const RETRY_AFTER_SECONDS = 30;

export type StreamSlot = { release(): void };

/** Takes a slot for one stream of the person, or throws 429 (theirs are full) or 503 (the process's are). */
export function reserveStream(userId: string): StreamSlot {
  const { LIVE_MAX_STREAMS_PER_USER, LIVE_MAX_STREAMS_PER_PROCESS } = env();
  const mine = counts.perUser.get(userId) ?? 0;
  if (mine >= LIVE_MAX_STREAMS_PER_USER) {
    throw new TooManyRequestsError(`At most ${LIVE_MAX_STREAMS_PER_USER} live connections per account are open at once. Close a tab or device.`, RETRY_AFTER_SECONDS);
  }
  if (counts.total >= LIVE_MAX_STREAMS_PER_PROCESS) throw new ServiceUnavailableError('Live updates');
  counts.total += 1;
  counts.perUser.set(userId, mine + 1);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      counts.total -= 1;
      const left = (counts.perUser.get(userId) ?? 1) - 1;
      if (left > 0) counts.perUser.set(userId, left);
      else counts.perUser.delete(userId);
    },
  };
}
