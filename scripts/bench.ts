/**
 * `npm run bench`: throughput and latency of GET /api/tasks?limit=20 and POST /api/tasks on the
 * production build against the emulators, next to a bare node:http baseline running the same
 * modules (scripts/bench-baseline.ts). Seeds 1,000 tasks for one user; 127.0.0.1 only, bounded in
 * time (a warm-up, then app and baseline in alternating rounds). Prints the figures and writes them to bench/results/<timestamp>.json, with the gzipped
 * first-load JS of the task page from .next/diagnostics/route-bundle-stats.json. Then the scale
 * section (scripts/bench-scale.ts): first pages at 1,000 and 10,000 tasks. `--scale-only` runs just that.
 */
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runScale } from './bench-scale';
import { firstLoadJsKiB } from './bundle-stats';
import { ChildService, freePort, prepareStandalone, ROOT, startTestStack } from './stack';

const SEED_TASKS = 1000;
const CONCURRENCY = 16;
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
// Both servers get the same load before any measuring, since a long-running server is measured warm (JIT, pools,
// heap sizing): after one request Next's server answered the first 10 s at 0.43× the baseline, the next 10 s at 0.49×.
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
// App and baseline runs alternate, so drift on a shared machine hits both; each figure is the median round.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PASSWORD = 'Bench-Passw0rd';

type Figures = { requestsPerSecond: number; p50Ms: number; p99Ms: number; errors: number; non2xx: number };

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
  for (let start = 0; start < SEED_TASKS; start += CONCURRENCY) {
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, SEED_TASKS - start) }, (_, i) =>
        json(`${appUrl}/api/tasks`, {
          method: 'POST', headers,
          body: JSON.stringify({ title: `Seed task ${start + i}`, priority: ['low', 'medium', 'high'][(start + i) % 3] }),
        }),
      ),
    );
  }
}

async function load(url: string, token: string, method: 'GET' | 'POST', duration = DURATION_SECONDS): Promise<Figures> {
  const result = await autocannon({
    url,
    method,
    connections: CONCURRENCY,
    duration,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(method === 'POST' ? { body: JSON.stringify({ title: 'Bench task', priority: 'medium' }) } : {}),
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
function medianRound(rounds: Figures[]): Figures {
  const sorted = [...rounds].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  const median = sorted[Math.floor(sorted.length / 2)];
  if (!median) throw new Error('no rounds measured');
  return median;
}

function write(result: { readonly at: string } & Record<string, unknown>) {
  const outDir = path.join(ROOT, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, `${result.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written to ${path.relative(ROOT, outFile)}`);
}

async function main() {
  if (!existsSync(path.join(ROOT, '.next', 'standalone', 'server.js')) || process.argv.includes('--build')) {
    // The server as the image has it, and the Lambda bundles the local poller runs.
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  prepareStandalone();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'todoer-bench-'));
  const stack = await startTestStack({ dataDir });
  const baselinePort = await freePort();
  const baseline = new ChildService(
    'baseline',
    [process.execPath, '--conditions=react-server', '--import', 'tsx', path.join(ROOT, 'scripts', 'bench-baseline.ts'), String(baselinePort)],
    { env: stack.appEnv },
  );
  try {
    if (process.argv.includes('--scale-only')) {
      write({ at: new Date().toISOString(), node: process.version, scale: await runScale(stack) });
      return;
    }
    await baseline.start();
    const token = await accessTokenFor(stack.appUrl);
    console.log(`seeding ${SEED_TASKS} tasks…`);
    await seed(stack.appUrl, token);
    const baselineUrl = `http://127.0.0.1:${baselinePort}`;
    const list = '/api/tasks?limit=20';
    console.log(`load: ${WARMUP_SECONDS}s warm-up, then ${ROUNDS} alternating rounds of ${DURATION_SECONDS}s, ${CONCURRENCY} connections`);
    const measure = async (pathname: string, method: 'GET' | 'POST') => {
      const targets = { app: `${stack.appUrl}${pathname}`, baseline: `${baselineUrl}${pathname}` };
      const warmUp = { app: await load(targets.app, token, method, WARMUP_SECONDS), baseline: await load(targets.baseline, token, method, WARMUP_SECONDS) };
      console.log(`${method} ${pathname} warm-up, req/s: app ${warmUp.app.requestsPerSecond}; baseline ${warmUp.baseline.requestsPerSecond}`);
      const rounds: { app: Figures; baseline: Figures }[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        rounds.push({ app: await load(targets.app, token, method), baseline: await load(targets.baseline, token, method) });
      }
      const throughputs = (who: 'app' | 'baseline') => rounds.map((r) => r[who].requestsPerSecond);
      console.log(`${method} ${pathname} rounds, req/s: app ${throughputs('app').join(', ')}; baseline ${throughputs('baseline').join(', ')}`);
      const summary = (who: 'app' | 'baseline') => ({
        ...medianRound(rounds.map((r) => r[who])),
        roundsRequestsPerSecond: throughputs(who),
        warmUp: warmUp[who],
      });
      return { app: summary('app'), baseline: summary('baseline') };
    };
    const figures = { list: await measure(list, 'GET'), create: await measure('/api/tasks', 'POST') };
    const ratios = (name: 'list' | 'create') => ({
      throughput: +(figures[name].app.requestsPerSecond / figures[name].baseline.requestsPerSecond).toFixed(2),
      p99: +(figures[name].app.p99Ms / figures[name].baseline.p99Ms).toFixed(2),
    });
    const result = {
      at: new Date().toISOString(),
      node: process.version,
      seededTasks: SEED_TASKS,
      concurrency: CONCURRENCY,
      durationSeconds: DURATION_SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      rounds: ROUNDS,
      ...figures,
      ratios: { list: ratios('list'), create: ratios('create') },
      taskPageFirstLoadJsGzipKiB: firstLoadJsKiB(ROOT).get('/') ?? null,
      scale: await runScale(stack),
      targets: { listThroughputRatioAtLeast: 0.5, listP99RatioAtMost: 3, firstLoadJsGzipKiBAtMost: 150, scaleFirstPageP50MsAtMost: 50 },
    };
    for (const name of ['list', 'create'] as const) {
      for (const who of ['app', 'baseline'] as const) {
        const f = figures[name][who];
        console.log(`${name.padEnd(6)} ${who.padEnd(8)} ${String(f.requestsPerSecond).padStart(6)} req/s  p50 ${f.p50Ms} ms  p99 ${f.p99Ms} ms  errors ${f.errors}  non-2xx ${f.non2xx}`);
      }
      console.log(`${name.padEnd(6)} app/baseline: throughput ×${result.ratios[name].throughput}, p99 ×${result.ratios[name].p99}`);
    }
    console.log(`task page first-load JS (gzip): ${result.taskPageFirstLoadJsGzipKiB ?? 'n/a'} KiB`);
    write(result);
  } finally {
    await baseline.stop();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
