/**
 * The channels this process listens to and who listens to each: the one fan-out both pub/sub
 * implementations share. The hooks tell the transport when a channel gains its first listener or
 * loses its last, so a Redis subscriber holds one subscription per channel, not one per stream.
 */

export type Listener = {
  readonly onMessage: (channel: string, message: string) => void;
  /** Messages may have been missed (the transport reconnected): the listener should resync. */
  readonly onGap: () => void;
};

export type HubHooks = {
  readonly first: (channel: string) => Promise<void>;
  readonly last: (channel: string) => Promise<void>;
};

export class ChannelHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly everyone = new Set<Listener>();

  constructor(private readonly hooks: HubHooks | null = null) {}

  get channelCount(): number {
    return this.listeners.size;
  }

  async join(channel: string, listener: Listener): Promise<void> {
    this.everyone.add(listener);
    let set = this.listeners.get(channel);
    if (set) {
      set.add(listener);
      return;
    }
    set = new Set([listener]);
    this.listeners.set(channel, set);
    await this.hooks?.first(channel);
  }

  leave(channel: string, listener: Listener): void {
    const set = this.listeners.get(channel);
    if (!set?.delete(listener) || set.size > 0) return;
    this.listeners.delete(channel);
    this.hooks?.last(channel).catch(() => undefined);
  }

  /** Forgets the listener on every channel (its stream closed). */
  leaveAll(channels: Iterable<string>, listener: Listener): void {
    for (const channel of channels) this.leave(channel, listener);
    this.everyone.delete(listener);
  }

  deliver(channel: string, message: string): void {
    for (const listener of [...(this.listeners.get(channel) ?? [])]) listener.onMessage(channel, message);
  }

  gap(): void {
    for (const listener of [...this.everyone]) listener.onGap();
  }
}
