import 'server-only';
import { PENDING_SHARDS } from './pending';
import { clearPublished, itemsWaitingSince, readItemState } from './pending-store';
import { publishPending, type PublishResult } from './publisher';

/**
 * Finds task items whose events still wait after the grace period (their writer crashed before
 * publishing, or the topic was down) through the sparse PendingEventsIndex, never the table, and
 * publishes them in order. Several processes may sweep at once: an event is then published twice at
 * worst, and the worker stores it once.
 */

const BATCH = 25;

export async function sweepPendingOnce(graceMs: number, now = Date.now()): Promise<PublishResult> {
  const before = new Date(now - graceMs).toISOString();
  let published = 0;
  for (let shard = 0; shard < PENDING_SHARDS; shard += 1) {
    for (const key of await itemsWaitingSince(String(shard), before, BATCH)) {
      const state = await readItemState(key);
      if (!state) continue;
      const onItem = { key, version: state.version, events: state.events };
      // Index keys whose events were all removed one by one (each by its own publisher): drop them.
      if (onItem.events.length === 0) {
        await clearPublished(onItem, []);
        continue;
      }
      const result = await publishPending(onItem);
      published += result.published;
      // The topic is not taking events: try again next time rather than fail every item now.
      if (result.failed > 0) return { published, failed: result.failed };
    }
  }
  return { published, failed: 0 };
}
