import 'server-only';
import { createClient } from '@redis/client';
import { ChannelHub } from './hub';
import { subscribeOn, type PubSub } from './subscription';

/**
 * Fan-out across processes through a Redis protocol server: ElastiCache Serverless for Valkey in the
 * cloud (`rediss://`, TLS), Debian's redis-server in tests. One connection publishes, one subscribes
 * (a subscribed connection can do nothing else), each channel subscribed once per process however many
 * streams hear it. The publisher does not queue while disconnected: a notice that cannot go now is
 * dropped (the change itself is saved, and clients resync after a gap), so no write waits on Redis.
 */

const CONNECT_TIMEOUT_MS = 5000;
const MAX_RECONNECT_DELAY_MS = 5000;

const log = (event: string, error?: unknown) =>
  console.warn(JSON.stringify({ level: 'warn', event, error: error instanceof Error ? error.message : error }));

export function redisPubSub(url: string): PubSub {
  const options = {
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS) },
  };
  const publisher = createClient(options).on('error', (error: unknown) => log('live-publisher-error', error));
  // Subscriptions are queued until connected and renewed by the client after a reconnect.
  const subscriber = createClient({ ...options, disableOfflineQueue: false }).on('error', (error: unknown) => log('live-subscriber-error', error));
  let readyBefore = false;
  const hub: ChannelHub = new ChannelHub({
    first: (channel) => subscriber.subscribe(channel, (message, from) => hub.deliver(from, message)),
    last: (channel) => subscriber.unsubscribe(channel),
  });
  subscriber.on('ready', () => {
    // Whatever was published while this connection was down is lost: every stream resyncs.
    if (readyBefore) hub.gap();
    readyBefore = true;
  });
  const connected = Promise.all([publisher.connect(), subscriber.connect()]);
  connected.catch((error: unknown) => log('live-connect-failed', error));
  return {
    async publish(channel, message) {
      await connected;
      await publisher.publish(channel, message);
    },
    subscribe: (channels, listener) => subscribeOn(hub, channels, listener),
  };
}
