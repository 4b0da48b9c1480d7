import { ChannelHub } from './hub';
import { subscribeOn, type PubSub } from './subscription';

/** Fan-out within this process only: the single-process default (local, the `personal` size). */
export function inProcessPubSub(): PubSub {
  const hub = new ChannelHub();
  return {
    async publish(channel, message) {
      // Delivered after the publisher's own turn, as a network hop would be: no listener runs inside a write.
      queueMicrotask(() => hub.deliver(channel, message));
    },
    subscribe: (channels, listener) => subscribeOn(hub, channels, listener),
  };
}
