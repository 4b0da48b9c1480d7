import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Counts the DynamoDB items one request reads (what a Query or Scan evaluated, what a GetItem or
 * BatchGetItem returned), so tests and the benchmark can check that a view reads in proportion to its
 * page. `handle()` opens a meter per request; the DynamoDB client's middleware adds to it.
 */

type Meter = { itemsRead: number };

const meters = new AsyncLocalStorage<Meter>();

export function withReadMeter<T>(work: () => Promise<T>): Promise<{ result: T; itemsRead: number }> {
  const meter: Meter = { itemsRead: 0 };
  return meters.run(meter, async () => ({ result: await work(), itemsRead: meter.itemsRead }));
}

type ReadOutput = {
  ScannedCount?: number;
  Item?: unknown;
  Responses?: Record<string, unknown[]>;
};

/** How many items one DynamoDB answer read. */
export function itemsReadBy(output: unknown): number {
  if (typeof output !== 'object' || output === null) return 0;
  const read = output as ReadOutput;
  if (typeof read.ScannedCount === 'number') return read.ScannedCount;
  if ('Item' in read) return read.Item ? 1 : 0;
  if (read.Responses) return Object.values(read.Responses).reduce((sum, items) => sum + items.length, 0);
  return 0;
}

export function recordRead(output: unknown): void {
  const meter = meters.getStore();
  if (meter) meter.itemsRead += itemsReadBy(output);
}
