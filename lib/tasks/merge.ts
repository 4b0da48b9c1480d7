import 'server-only';
import { indexKeys, type IndexKeys } from './item';
import { readIndex, type IndexRead } from './repository';
import type { Task } from './schema';

/**
 * One page of a view over several lists: each list's index is read in small chunks and the streams are
 * merged by their sort key, so a page reads in proportion to its size, not to the lists' sizes
 * (docs/data-model.md, "Cross-list views"). With a read budget (search), the merge stops once the
 * budget is spent and says how far every list has been searched.
 */

export type MergedPage = {
  readonly items: Task[];
  /** The key to continue strictly after, or null on the last page. */
  readonly nextKey: string | null;
};

type Stream = { read: IndexRead; buffer: Task[]; frontier: string | null; done: boolean };

export async function mergedPage(options: {
  readonly reads: readonly IndexRead[];
  readonly limit: number;
  /** Stop after evaluating about this many items (filtered reads); unbounded when absent. */
  readonly budget?: number;
}): Promise<MergedPage> {
  const { reads, limit, budget } = options;
  if (reads.length === 0) return { items: [], nextKey: null };
  const rangeKey = reads[0]!.rangeKey as keyof IndexKeys;
  const descending = reads[0]!.descending;
  const keyOf = (task: Task) => indexKeys(task)[rangeKey] ?? '';
  const before = (a: string, b: string) => (descending ? a > b : a < b);
  // Enough for the page plus one (proof of a next page) from one list; a fair share from each of many.
  const filtered = reads.some((read) => read.filter);
  const chunk = Math.max(2, Math.ceil((filtered ? Math.max(limit * 2, 50) : limit + 1) / reads.length));

  const streams: Stream[] = reads.map((read) => ({ read, buffer: [], frontier: read.afterKey, done: false }));
  let spent = 0;
  // A budgeted read never asks for more than the budget has left, shared among the lists it reads.
  const sizeFor = (streamsReading: number) =>
    budget === undefined ? chunk : Math.max(1, Math.min(chunk, Math.floor((budget - spent) / streamsReading)));
  const refill = async (stream: Stream, size: number) => {
    const result = await readIndex({ ...stream.read, afterKey: stream.frontier }, size);
    spent += result.scanned;
    stream.buffer.push(...result.tasks);
    stream.frontier = result.frontier;
    stream.done = result.frontier === null;
  };
  const firstSize = sizeFor(streams.length);
  await Promise.all(streams.map((stream) => refill(stream, firstSize)));

  const items: Task[] = [];
  for (;;) {
    // The next task in order among what has been read...
    let head: Stream | undefined;
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
