import 'server-only';

/**
 * One page of a view over several lists: each list is read in small chunks, in its own sort order,
 * and the streams are merged by their sort key, so a page reads in proportion to its size, not to the
 * lists' sizes (docs/data-model.md, "Cross-list views"). With a read budget (search), the merge stops
 * once the budget is spent and says how far every list has been searched.
 */

/** What one read of one list gave: the matches in order, and the key it got to (null: no more). */
export type Chunk<T> = { readonly items: readonly T[]; readonly frontier: string | null; readonly scanned: number };

/** One list's stream: reads up to `size` items strictly after `afterKey` (from the start when null). */
export type Source<T> = (afterKey: string | null, size: number) => Promise<Chunk<T>>;

export type MergedPage<T> = {
  readonly items: T[];
  /** The key to continue strictly after, or null on the last page. */
  readonly nextKey: string | null;
};

type Stream<T> = { source: Source<T>; buffer: T[]; frontier: string | null; done: boolean };

export async function mergedPage<T>(options: {
  readonly sources: readonly Source<T>[];
  /** Where every source starts (a cursor's key), or null. */
  readonly afterKey: string | null;
  readonly keyOf: (item: T) => string;
  readonly descending: boolean;
  readonly limit: number;
  /** Filtered reads: read more per round trip, and stop after evaluating about this many items. */
  readonly budget?: number;
}): Promise<MergedPage<T>> {
  const { sources, keyOf, descending, limit, budget } = options;
  if (sources.length === 0) return { items: [], nextKey: null };
  const before = (a: string, b: string) => (descending ? a > b : a < b);
  // Enough for the page plus one (proof of a next page) from one list; a fair share from each of many.
  const chunk = Math.max(2, Math.ceil((budget !== undefined ? Math.max(limit * 2, 50) : limit + 1) / sources.length));

  const streams: Stream<T>[] = sources.map((source) => ({ source, buffer: [], frontier: options.afterKey, done: false }));
  let spent = 0;
  // A budgeted read never asks for more than the budget has left, shared among the lists it reads.
  const sizeFor = (streamsReading: number) =>
    budget === undefined ? chunk : Math.max(1, Math.min(chunk, Math.floor((budget - spent) / streamsReading)));
  const refill = async (stream: Stream<T>, size: number) => {
    const result = await stream.source(stream.frontier, size);
    spent += result.scanned;
    stream.buffer.push(...result.items);
    stream.frontier = result.frontier;
    stream.done = result.frontier === null;
  };
  const firstSize = sizeFor(streams.length);
  await Promise.all(streams.map((stream) => refill(stream, firstSize)));

  const items: T[] = [];
  for (;;) {
    // The next item in order among what has been read...
    let head: Stream<T> | undefined;
    for (const stream of streams) {
      if (stream.buffer.length > 0 && (!head || before(keyOf(stream.buffer[0]!), keyOf(head.buffer[0]!)))) head = stream;
    }
    // ...is safe to hand out only if no list still unread could hold one before it.
    const behind = streams.filter(
      (stream) => stream.buffer.length === 0 && !stream.done && (!head || !before(keyOf(head.buffer[0]!), stream.frontier!)),
    );
    if (behind.length > 0) {
      if (budget !== undefined && spent >= budget) {
        // Out of budget: everything before the earliest unread point has been searched.
        const safePoint = behind.map((stream) => stream.frontier!).sort((a, b) => (before(a, b) ? -1 : 1))[0]!;
        return { items: items.slice(0, limit), nextKey: items.length > limit ? keyOf(items[limit - 1]!) : safePoint };
      }
      const size = sizeFor(behind.length);
      await Promise.all(behind.map((stream) => refill(stream, size)));
      continue;
    }
    if (!head) return { items, nextKey: null };
    items.push(head.buffer.shift()!);
    if (items.length > limit) return { items: items.slice(0, limit), nextKey: keyOf(items[limit - 1]!) };
  }
}
