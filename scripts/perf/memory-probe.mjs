// Preloaded into the benchmarked app only (NODE_OPTIONS=--import, with --expose-gc): on SIGUSR2 it writes
// where the process's memory goes to BENCH_MEMORY_FILE: process.memoryUsage and V8's heap spaces as the
// load left them, then the same after a full collection (what is live, not garbage V8 has not collected
// yet), and with BENCH_HEAP_SNAPSHOT=true the live heap's biggest object kinds from a heap snapshot.
// Not part of the app or the image.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** Self size by constructor or kind of every node in a heap snapshot, the biggest first. */
function biggestKinds(file, count) {
  const snapshot = JSON.parse(readFileSync(file, 'utf8'));
  const { node_fields: fields, node_types: [types] } = snapshot.snapshot.meta;
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field));
  const totals = new Map();
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const type = types[snapshot.nodes[i + typeAt]];
    const name = type === 'object' || type === 'native' ? snapshot.strings[snapshot.nodes[i + nameAt]] : `(${type})`;
    totals.set(name, (totals.get(name) ?? 0) + snapshot.nodes[i + sizeAt]);
  }
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, bytes]) => ({ name, mib: +(bytes / MiB).toFixed(1) }));
}

process.on('SIGUSR2', () => {
  const afterLoad = usage();
  globalThis.gc?.();
  const afterFullGc = usage();
  let liveHeapByKind;
  if (process.env.BENCH_HEAP_SNAPSHOT === 'true') {
    const file = v8.writeHeapSnapshot(`${process.env.BENCH_MEMORY_FILE}.heapsnapshot`);
    liveHeapByKind = biggestKinds(file, 15);
    rmSync(file, { force: true });
  }
  const { heap_size_limit: heapSizeLimit } = v8.getHeapStatistics();
  writeFileSync(process.env.BENCH_MEMORY_FILE, JSON.stringify({ heapSizeLimitMiB: mib(heapSizeLimit), afterLoad, afterFullGc, liveHeapByKind }));
});
