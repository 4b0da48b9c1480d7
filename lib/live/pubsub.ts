import 'server-only';
import { env } from '../env';
import { inProcessPubSub } from './in-process';
import { redisPubSub } from './redis';
import type { PubSub } from './subscription';

/**
 * Live fan-out: `publish` reaches every subscriber of the channel on every server process. In one
 * process (local, the `personal` size) an in-process hub is enough; with LIVE_PUBSUB_URL set, a Redis
 * protocol server carries it.
 */

/** One per process, on globalThis: every route bundle loads this module apart, and all must share it. */
const KEY = Symbol.for('todoer.live-pubsub');
const store = globalThis as typeof globalThis & { [KEY]?: PubSub };

export function pubSub(): PubSub {
  const url = env().LIVE_PUBSUB_URL;
  return (store[KEY] ??= url ? redisPubSub(url) : inProcessPubSub());
}
