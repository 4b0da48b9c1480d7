// Preloaded into the benchmarked app only (NODE_OPTIONS=--import): on SIGUSR2 it writes where the
// process's memory goes (process.memoryUsage and V8's heap spaces) to BENCH_MEMORY_FILE, so the bench can
// say what the RSS after load is spent on. Not part of the app or the image.
import { writeFileSync } from 'node:fs';
import v8 from 'node:v8';

process.on('SIGUSR2', () => {
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.space_used_size]));
  const { heap_size_limit: heapSizeLimit } = v8.getHeapStatistics();
  writeFileSync(process.env.BENCH_MEMORY_FILE, JSON.stringify({ ...process.memoryUsage(), heapSizeLimit, spaces }));
});
