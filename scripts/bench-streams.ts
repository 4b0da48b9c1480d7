/**
 * `npm run bench:streams`: what idle live streams cost. Starts the test stack on the standalone build
 * (run `npm run build` first), opens STREAMS idle GET /api/events streams of one account on the one app
 * process, and prints its resident memory before, with them open, and after they closed, and the cost
 * per stream against the bound it states. Not a timed test: the figures are the point.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { prepareStandalone, startTestStack, STANDALONE_DIR } from './stack';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 200);
/** What one idle stream may cost: a socket, its buffers, a subscription and a few closures. */
const BOUND_KIB_PER_STREAM = 64;
const SETTLE_MS = 3000;
const PASSWORD = 'Bench-Passw0rd';

const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function residentBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

async function accessToken(appUrl: string): Promise<string> {
  const email = `bench-streams-${randomUUID().slice(0, 8)}@example.test`;
  const post = (route: string, body: unknown) =>
    fetch(`${appUrl}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await post('/api/auth/sign-up', { email, password: PASSWORD, name: 'Bench streams' });
  await post('/api/auth/confirm', { email, code: '123456' });
  const response = await post('/api/auth/token', { email, password: PASSWORD });
  if (!response.ok) throw new Error(`POST /api/auth/token → ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** Opens one stream and reads its first bytes, so the server holds it fully set up. */
async function openStream(appUrl: string, token: string): Promise<AbortController> {
  const abort = new AbortController();
  const response = await fetch(`${appUrl}/api/events`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  if (response.status !== 200 || !response.body) throw new Error(`GET /api/events → ${response.status} ${await response.text()}`);
  const reader = response.body.getReader();
  await reader.read();
  // Keep draining (heartbeats) until aborted, as a browser would.
  void (async () => {
    try {
      for (;;) if ((await reader.read()).done) break;
    } catch {
      // Aborted.
    }
  })();
  return abort;
}

async function main(): Promise<void> {
  if (!existsSync(path.join(STANDALONE_DIR, 'server.js'))) throw new Error('No standalone build: run `npm run build` first.');
  prepareStandalone();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'todoer-bench-streams-'));
  const stack = await startTestStack({ dataDir, extraEnv: { LIVE_MAX_STREAMS_PER_USER: String(STREAMS + 1) } });
  try {
    const pid = stack.app.pid;
    if (!pid) throw new Error('the app process has no pid');
    const token = await accessToken(stack.appUrl);
    // One stream first, so the code paths are loaded and the baseline is the idle process.
    (await openStream(stack.appUrl, token)).abort();
    await sleep(SETTLE_MS);
    const before = residentBytes(pid);
    const streams: AbortController[] = [];
    for (let index = 0; index < STREAMS; index += 1) streams.push(await openStream(stack.appUrl, token));
    await sleep(SETTLE_MS);
    const open = residentBytes(pid);
    for (const stream of streams) stream.abort();
    await sleep(SETTLE_MS);
    const closed = residentBytes(pid);
    const perStream = (open - before) / STREAMS;
    console.log(`app RSS: ${kib(before)} idle, ${kib(open)} with ${STREAMS} idle streams, ${kib(closed)} after they closed`);
    console.log(`per stream: ${(perStream / 1024).toFixed(1)} KiB (bound ${BOUND_KIB_PER_STREAM} KiB)`);
    if (perStream > BOUND_KIB_PER_STREAM * 1024) {
      console.error(`over the bound of ${BOUND_KIB_PER_STREAM} KiB per stream`);
      process.exitCode = 1;
    }
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
