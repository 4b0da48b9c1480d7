import { taskEventSchema, type TaskEvent } from './schema';

/**
 * Events that wait on their task's item (docs/data-model.md, "Events on the item"): a task write puts
 * them in `pending_events` in the same PutItem as the change, so a crash after the write loses nothing.
 * While any wait, the item carries the sparse PendingEventsIndex's keys, which is how the sweeper finds
 * them without reading the table. Plain code: the repository builds items with it, tests read them.
 */

/** Event id → the event as JSON. */
export type PendingEventsMap = Record<string, string>;

export type PendingAttributes = {
  pending_events: PendingEventsMap;
  /** Spreads the index over a few partitions, so a burst of writes does not land on one. */
  pending_shard: string;
  /** When the oldest of them was written: the sweeper takes items older than its grace period. */
  pending_since: string;
};

/** A task item's key. */
export type TaskKey = { readonly user_id: string; readonly todo_id: string };

/**
 * What a write left waiting on an item: its key and version, and every event pending there, in order
 * (an earlier write's unpublished ones first). lib/events/publisher.ts publishes and clears them.
 */
export type PendingOnItem = {
  readonly key: TaskKey;
  readonly version: number;
  readonly events: readonly TaskEvent[];
  /** The task's list after the write, for live notices (lib/live/announce.ts); unknown to the sweeper. */
  readonly listId?: string;
};

export const PENDING_SHARDS = 4;

export function pendingShardOf(taskId: string): string {
  let sum = 0;
  for (const char of taskId) sum += char.charCodeAt(0);
  return String(sum % PENDING_SHARDS);
}

/** The order they happened in: by the task version each produced, then by time (a delete shares its version with the last update). */
export function inOrder(events: readonly TaskEvent[]): TaskEvent[] {
  return [...events].sort((a, b) => a.version - b.version || a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The pending events an item holds, in order; entries that no longer parse are left out. */
export function pendingEventsOf(item: Record<string, unknown> | undefined): TaskEvent[] {
  const map = item?.pending_events;
  if (!map || typeof map !== 'object') return [];
  const events: TaskEvent[] = [];
  for (const json of Object.values(map as Record<string, unknown>)) {
    const parsed = typeof json === 'string' ? taskEventSchema.safeParse(parseJson(json)) : null;
    if (parsed?.success) events.push(parsed.data);
  }
  return inOrder(events);
}

/** The attributes that make `events` wait on the item with id `taskId`; none when there are none. */
export function pendingAttributes(taskId: string, events: readonly TaskEvent[], since: string): PendingAttributes | Record<string, never> {
  if (events.length === 0) return {};
  return {
    pending_events: Object.fromEntries(events.map((event) => [event.id, JSON.stringify(event)])),
    pending_shard: pendingShardOf(taskId),
    pending_since: since,
  };
}
