/**
 * `npm run bench`: GET /api/tasks?limit=20 (list) and POST /api/tasks (create) at concurrency 1 and 16,
 * on three servers side by side, all on 127.0.0.1 against the same emulators:
 *   baseline  a bare node:http server running the same modules (scripts/bench-baseline.ts): no framework;
 *   floor     GET/POST /api/bench/floor of the app's own build and process (BENCH_FLOOR=true): the
 *             framework, no work;
 *   app       the production build's real routes: framework and work.
 * One user with 1,000 seeded tasks. Load is bounded: BENCH_SECONDS in total (default 60), a warm-up of
 * each server, then BENCH_ROUNDS (default 2) alternating rounds per figure, so drift on a shared machine
 * hits all three; each figure is the median round. Then the app's RSS (and what it is spent on) after the
 * load, the gzipped first-load JS of the task page, and the scale section (scripts/bench-scale.ts).
 * The app runs with the heap the image's entry gives a BENCH_TASK_MEMORY_MB (512) task; its memory is
 * broken down by scripts/perf/memory-probe.mjs (BENCH_HEAP_SNAPSHOT=true adds the live heap by kind).
 * Prints a table and writes bench/results/bench-<timestamp>.json. `--scale-only` runs just the scale
 * section; `--build` rebuilds first.
 */
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runScale } from './bench-scale';
import { firstLoadJsKiB } from './bundle-stats';
import { biggestKinds } from './perf/heap-kinds';
import { writeResult, withStack } from './perf/run';
import { ChildService, freePort, ROOT, type Stack } from './stack';

const SEED_TASKS = 1000;
const SEED_PARALLEL = 16;
const CONCURRENCIES = [1, 16] as const;
const OPERATIONS = ['list', 'create'] as const;
const SERVERS = ['baseline', 'floor', 'app'] as const;
const TOTAL_SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
// A long-running server is measured warm (JIT, pools, heap sizing): each server's warm-up is one run per
// operation at the higher concurrency, as long as a measured run.
const RUNS = SERVERS.length * OPERATIONS.length * (CONCURRENCIES.length * ROUNDS + 1);
const RUN_SECONDS = Math.max(1, Math.round((TOTAL_SECONDS / RUNS) * 10) / 10);
const PASSWORD = 'Bench-Passw0rd';
const MEMORY_PROBE = path.join(ROOT, 'scripts', 'perf', 'memory-probe.mjs');
const CONTAINER_START = path.join(ROOT, 'scripts', 'container-start.sh');
/** The app runs with the heap the image would give it on a task of this size (infra's dev size). */
const TASK_MEMORY_MB = Number(process.env.BENCH_TASK_MEMORY_MB ?? 512);

type Operation = (typeof OPERATIONS)[number];
type Server = (typeof SERVERS)[number];
type Figures = { requestsPerSecond: number; p50Ms: number; p99Ms: number; errors: number; non2xx: number };
type Measured = Figures & { roundsRequestsPerSecond: number[] };

async function json<T>(url: string, init: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url} → ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function accessTokenFor(appUrl: string): Promise<string> {
  const email = `bench-${Date.now()}@example.test`;
  const headers = { 'content-type': 'application/json' };
  await json(`${appUrl}/api/auth/sign-up`, { method: 'POST', headers, body: JSON.stringify({ email, password: PASSWORD }) });
  await fetch(`${appUrl}/api/auth/confirm`, { method: 'POST', headers, body: JSON.stringify({ email, code: '123456' }) });
  const tokens = await json<{ accessToken: string }>(`${appUrl}/api/auth/token`, {
    method: 'POST', headers, body: JSON.stringify({ email, password: PASSWORD }),
  });
  return tokens.accessToken;
}

async function seed(appUrl: string, token: string) {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  for (let start = 0; start < SEED_TASKS; start += SEED_PARALLEL) {
    await Promise.all(
      Array.from({ length: Math.min(SEED_PARALLEL, SEED_TASKS - start) }, (_, i) =>
        json(`${appUrl}/api/tasks`, {
          method: 'POST', headers,
          body: JSON.stringify({ title: `Seed task ${start + i}`, priority: ['low', 'medium', 'high'][(start + i) % 3] }),
        }),
      ),
    );
  }
}

async function load(url: string, token: string, operation: Operation, connections: number): Promise<Figures> {
  const result = await autocannon({
    url,
    method: operation === 'list' ? 'GET' : 'POST',
    connections,
    duration: RUN_SECONDS,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(operation === 'create' ? { body: JSON.stringify({ title: 'Bench task', priority: 'medium' }) } : {}),
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** The round with the median throughput, so its latencies come from the same run. */
function medianRound(rounds: Figures[]): Measured {
  const sorted = [...rounds].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  const median = sorted[Math.floor(sorted.length / 2)];
  if (!median) throw new Error('no rounds measured');
  return { ...median, roundsRequestsPerSecond: rounds.map((round) => round.requestsPerSecond) };
}

/** Resident memory of a process from /proc, in MiB: all of it, its anonymous (heap, buffers) and file-backed parts. */
function residentMiB(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  const mib = (value: number) => Math.round(value / 1024);
  return { rss: mib(kib('VmRSS')), anonymous: mib(kib('RssAnon')), file: mib(kib('RssFile')), peak: mib(kib('VmHWM')) };
}

type MemoryReport = {
  heapSizeLimitMiB: number;
  afterLoad: Record<string, unknown>;
  afterFullGc: Record<string, unknown>;
  heapSnapshot?: string;
  liveHeapByKind?: { name: string; mib: number }[];
};

/** The app's own account of its memory (scripts/perf/memory-probe.mjs), in MiB. */
async function memoryBreakdownMiB(pid: number, file: string): Promise<MemoryReport | null> {
  process.kill(pid, 'SIGUSR2');
  for (let attempt = 0; attempt < 600; attempt++) {
    await sleep(100);
    try {
      const report = JSON.parse(readFileSync(file, 'utf8')) as MemoryReport;
      if (report.heapSnapshot) {
        report.liveHeapByKind = biggestKinds(report.heapSnapshot, 15);
        rmSync(report.heapSnapshot, { force: true });
      }
      return report;
    } catch {
      // Not written yet (a heap snapshot takes seconds).
    }
  }
  return null;
}

type ContainerSettings = { readonly heapFlags: string[]; readonly mallocArenaMax: string | undefined };

/**
 * What the image's entry (scripts/container-start.sh) gives node on a task of this much memory: its heap
 * flags and the allocator's arena cap. HEAP_PERCENT and SEMI_SPACE_MB pass through, to try other sizes.
 */
function containerSettings(taskMemoryMb: number): ContainerSettings {
  const report = 'console.log(JSON.stringify({ heapFlags: process.execArgv.filter((flag) => /^--max-(old|semi)-space-size/.test(flag)), mallocArenaMax: process.env.MALLOC_ARENA_MAX }))';
  const passed = Object.fromEntries(['HEAP_PERCENT', 'SEMI_SPACE_MB'].flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])));
  const probe = spawnSync('sh', [CONTAINER_START, '-e', report], {
    env: { NODE_ENV: 'production', PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`, MEMORY_LIMIT_MB: String(taskMemoryMb), ...passed },
    encoding: 'utf8',
  });
  if (probe.status !== 0) throw new Error(`${CONTAINER_START}: ${probe.stderr}`);
  return JSON.parse(probe.stdout) as ContainerSettings;
}

async function benchServers(stack: Stack, memoryFile: string) {
  const baselinePort = await freePort();
  // The baseline runs without the app's memory probe.
  const baselineEnv = { ...stack.appEnv, NODE_OPTIONS: process.env.NODE_OPTIONS };
  const baseline = new ChildService(
    'baseline',
    [process.execPath, '--conditions=react-server', '--import', 'tsx', path.join(ROOT, 'scripts', 'bench-baseline.ts'), String(baselinePort)],
    { env: baselineEnv },
  );
  await baseline.start();
  try {
    const token = await accessTokenFor(stack.appUrl);
    console.log(`seeding ${SEED_TASKS} tasks…`);
    await seed(stack.appUrl, token);
    const origin: Record<Server, string> = { baseline: `http://127.0.0.1:${baselinePort}`, floor: stack.appUrl, app: stack.appUrl };
    const pathname = (server: Server, operation: Operation) =>
      server === 'floor' ? '/api/bench/floor' : operation === 'list' ? '/api/tasks?limit=20' : '/api/tasks';
    const target = (server: Server, operation: Operation) => `${origin[server]}${pathname(server, operation)}`;
    const pid = stack.app.pid;
    if (pid === undefined) throw new Error('the app is not running');
    const before = residentMiB(pid);
    console.log(`load: ${RUNS} runs of ${RUN_SECONDS}s (${Math.round(RUNS * RUN_SECONDS)}s in all): warm-up, then ${ROUNDS} alternating rounds`);
    for (const operation of OPERATIONS) {
      for (const server of SERVERS) await load(target(server, operation), token, operation, 16);
    }
    const figures = {} as Record<Operation, Record<`c${(typeof CONCURRENCIES)[number]}`, Record<Server, Measured>>>;
    for (const operation of OPERATIONS) {
      figures[operation] = {} as (typeof figures)[Operation];
      for (const connections of CONCURRENCIES) {
        const rounds: Record<Server, Figures[]> = { baseline: [], floor: [], app: [] };
        for (let round = 0; round < ROUNDS; round++) {
          for (const server of SERVERS) rounds[server].push(await load(target(server, operation), token, operation, connections));
        }
        figures[operation][`c${connections}`] = {
          baseline: medianRound(rounds.baseline), floor: medianRound(rounds.floor), app: medianRound(rounds.app),
        };
      }
    }
    const memory = { beforeLoad: before, afterLoad: residentMiB(pid), breakdown: await memoryBreakdownMiB(pid, memoryFile) };
    return { figures, memory };
  } finally {
    await baseline.stop();
  }
}

function printTable(figures: Awaited<ReturnType<typeof benchServers>>['figures']) {
  console.log('\noperation    conc  server      req/s    p50 ms   p99 ms  errors  non-2xx');
  for (const operation of OPERATIONS) {
    for (const connections of CONCURRENCIES) {
      for (const server of SERVERS) {
        const f = figures[operation][`c${connections}`][server];
        console.log(
          `${operation.padEnd(12)} ${String(connections).padStart(4)}  ${server.padEnd(9)} ${String(f.requestsPerSecond).padStart(7)} ${String(f.p50Ms).padStart(9)} ${String(f.p99Ms).padStart(8)} ${String(f.errors).padStart(7)} ${String(f.non2xx).padStart(8)}`,
        );
      }
    }
  }
}

async function main() {
  const memoryDir = mkdtempSync(path.join(tmpdir(), 'todoer-bench-memory-'));
  const memoryFile = path.join(memoryDir, 'memory.json');
  // The floor route answers, the app has the container's heap size and reports its memory on SIGUSR2;
  // the emulators and the worker get none of it.
  const { heapFlags, mallocArenaMax } = containerSettings(TASK_MEMORY_MB);
  const extraEnv = {
    BENCH_FLOOR: 'true',
    BENCH_MEMORY_FILE: memoryFile,
    NODE_OPTIONS: [process.env.NODE_OPTIONS, ...heapFlags, '--expose-gc', `--import=${MEMORY_PROBE}`].filter(Boolean).join(' '),
    ...(mallocArenaMax ? { MALLOC_ARENA_MAX: mallocArenaMax } : {}),
  };
  console.log(`app heap: ${heapFlags.join(' ') || "Node's default"}, MALLOC_ARENA_MAX=${mallocArenaMax ?? 'unset'} (the image's entry on a ${TASK_MEMORY_MB} MB task)`);
  try {
    await withStack('bench', async (stack) => {
      const at = new Date().toISOString();
      if (process.argv.includes('--scale-only')) {
        writeResult('bench', { at, node: process.version, scale: await runScale(stack) });
        return;
      }
      const { figures, memory } = await benchServers(stack, memoryFile);
      const c16 = figures.list.c16;
      const c1 = figures.list.c1;
      const summary = {
        listThroughputAppOverBaselineC16: +(c16.app.requestsPerSecond / c16.baseline.requestsPerSecond).toFixed(2),
        listThroughputFloorOverBaselineC16: +(c16.floor.requestsPerSecond / c16.baseline.requestsPerSecond).toFixed(2),
        listThroughputAppOverFloorC16: +(c16.app.requestsPerSecond / c16.floor.requestsPerSecond).toFixed(2),
        listP50AppMinusBaselineC1Ms: +(c1.app.p50Ms - c1.baseline.p50Ms).toFixed(2),
        createThroughputAppOverBaselineC16: +(figures.create.c16.app.requestsPerSecond / figures.create.c16.baseline.requestsPerSecond).toFixed(2),
        appRssAfterLoadMiB: memory.afterLoad.rss,
      };
      printTable(figures);
      console.log(`\nlist c16 throughput: app ÷ baseline ×${summary.listThroughputAppOverBaselineC16} (target ≥ 0.5); floor ÷ baseline ×${summary.listThroughputFloorOverBaselineC16}; app ÷ floor ×${summary.listThroughputAppOverFloorC16}`);
      console.log(`list c1 p50: app − baseline ${summary.listP50AppMinusBaselineC1Ms} ms (target ≤ 2 ms)`);
      console.log(`create c16 throughput: app ÷ baseline ×${summary.createThroughputAppOverBaselineC16}`);
      console.log(`app RSS: ${memory.beforeLoad.rss} MiB after seeding, ${memory.afterLoad.rss} MiB after the load (peak ${memory.afterLoad.peak}; target ≤ 250 MB)`);
      if (memory.breakdown) {
        const { heapSizeLimitMiB, afterLoad, afterFullGc, liveHeapByKind } = memory.breakdown;
        console.log(`  heap limit ${heapSizeLimitMiB} MiB; after the load ${JSON.stringify(afterLoad)}`);
        console.log(`  after a full GC ${JSON.stringify(afterFullGc)}`);
        if (liveHeapByKind) console.log(`  live heap by kind (MiB): ${JSON.stringify(liveHeapByKind)}`);
      }
      const taskPageKiB = firstLoadJsKiB(ROOT).get('/') ?? null;
      console.log(`task page first-load JS (gzip): ${taskPageKiB ?? 'n/a'} KiB`);
      console.log('\nscale section…');
      const scale = await runScale(stack);
      writeResult('bench', {
        at,
        node: process.version,
        seededTasks: SEED_TASKS,
        runSeconds: RUN_SECONDS,
        runs: RUNS,
        rounds: ROUNDS,
        ...figures,
        summary,
        taskMemoryMb: TASK_MEMORY_MB,
        heapFlags,
        mallocArenaMax,
        memory,
        taskPageFirstLoadJsGzipKiB: taskPageKiB,
        scale,
        targets: { listThroughputAppOverBaselineC16AtLeast: 0.5, listP50AppMinusBaselineC1MsAtMost: 2, appRssAfterLoadMiBAtMost: 250 },
      });
    }, extraEnv);
  } finally {
    rmSync(memoryDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
