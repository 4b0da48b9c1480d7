// Preloaded into the benchmarked app only (NODE_OPTIONS=--import, with --expose-gc): on SIGUSR2 it writes
// where the process's memory goes to BENCH_MEMORY_FILE: process.memoryUsage and V8's heap spaces as the
// load left them, then the same after a full collection (what is live, not garbage V8 has not collected
// yet), and with BENCH_HEAP_SNAPSHOT=true a heap snapshot of the live heap.
// Not part of the app or the image.
import { writeFileSync } from 'node:fs';
import v8 from 'node:v8';

const MiB = 1024 * 1024;
const mib = (bytes) => Math.round(bytes / MiB);

function usage() {
  const spaces = Object.fromEntries(
    v8.getHeapSpaceStatistics().filter((s) => s.space_used_size >= MiB).map((s) => [s.space_name, mib(s.space_used_size)]),
  );
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { rss: mib(rss), heapTotal: mib(heapTotal), heapUsed: mib(heapUsed), external: mib(external), arrayBuffers: mib(arrayBuffers), spaces };
}

process.on('SIGUSR2', () => {
  const afterLoad = usage();
  globalThis.gc?.();
  const afterFullGc = usage();
  // Written here, read by the bench: parsing it in this process would need as much heap again.
  const heapSnapshot = process.env.BENCH_HEAP_SNAPSHOT === 'true' ? v8.writeHeapSnapshot(`${process.env.BENCH_MEMORY_FILE}.heapsnapshot`) : undefined;
  const { heap_size_limit: heapSizeLimit } = v8.getHeapStatistics();
  writeFileSync(process.env.BENCH_MEMORY_FILE, JSON.stringify({ heapSizeLimitMiB: mib(heapSizeLimit), afterLoad, afterFullGc, heapSnapshot }));
});
