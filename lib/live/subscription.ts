import type { ChannelHub, Listener } from './hub';

/** The pub/sub contract both transports keep (lib/live/pubsub.ts chooses one). */

export type Subscription = {
  /** Starts hearing these channels as well; resolves once they are subscribed. */
  add(channels: readonly string[]): Promise<void>;
  /** Stops hearing these channels at once. */
  remove(channels: readonly string[]): void;
  readonly channels: ReadonlySet<string>;
  close(): void;
};

export type PubSub = {
  publish(channel: string, message: string): Promise<void>;
  subscribe(channels: readonly string[], listener: Listener): Promise<Subscription>;
};

/** One listener's channels on a hub. */
export function hubSubscription(hub: ChannelHub, listener: Listener): Subscription {
  const channels = new Set<string>();
  let closed = false;
  return {
    channels,
    async add(more) {
      const fresh = more.filter((channel) => !channels.has(channel));
      for (const channel of fresh) channels.add(channel);
      await Promise.all(fresh.map((channel) => hub.join(channel, listener)));
      // Closed while subscribing: leave what was just joined.
      if (closed) hub.leaveAll(fresh, listener);
    },
    remove(fewer) {
      for (const channel of fewer) {
        if (channels.delete(channel)) hub.leave(channel, listener);
      }
    },
    close() {
      closed = true;
      hub.leaveAll(channels, listener);
      channels.clear();
    },
  };
}

/** A transport subscribes through its hub the same way. */
export async function subscribeOn(hub: ChannelHub, channels: readonly string[], listener: Listener): Promise<Subscription> {
  const subscription = hubSubscription(hub, listener);
  await subscription.add(channels);
  return subscription;
}
