/**
 * `npm run bench:streams`: what idle live streams cost. Starts the test stack on the standalone build
 * (run `npm run build` first), opens STREAMS idle GET /api/events streams of one account on the one app
 * process, twice, and prints its resident memory before, with them open and after they closed, the cost
 * per stream against the bound it states, and what a second round adds (a leak would show there). RSS
 * rarely shrinks after a close (V8 keeps its heap), so the second round is the leak check. Not a timed
 * test: the figures are the point.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { prepareStandalone, startTestStack, STANDALONE_DIR } from './stack';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 200);
/**
 * What one idle stream may cost: mostly Next's own per-request objects and the socket's buffers; ours
 * is a subscription, two timers and a few closures. At the default 2,000 streams a process, ~500 MiB.
 */
const BOUND_KIB_PER_STREAM = 256;
/** A second round of the same streams may add at most this (fragmentation, not a leak). */
const BOUND_KIB_SECOND_ROUND = 16 * 1024;
const SETTLE_MS = 3000;
const PASSWORD = 'Bench-Passw0rd';

const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;
const signed = (bytes: number) => `${bytes >= 0 ? '+' : '−'}${kib(Math.abs(bytes))}`;
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
    const round = async () => {
      const streams: AbortController[] = [];
      for (let index = 0; index < STREAMS; index += 1) streams.push(await openStream(stack.appUrl, token));
      await sleep(SETTLE_MS);
      const open = residentBytes(pid);
      for (const stream of streams) stream.abort();
      await sleep(SETTLE_MS);
      return { open, closed: residentBytes(pid) };
    };
    const first = await round();
    const second = await round();
    const perStream = (first.open - before) / STREAMS;
    const secondRound = second.open - first.open;
    console.log(`app RSS: ${kib(before)} idle, ${kib(first.open)} with ${STREAMS} idle streams, ${kib(first.closed)} after they closed`);
    console.log(`second round: ${kib(second.open)} with ${STREAMS} streams again (${signed(secondRound)}), ${kib(second.closed)} after`);
    console.log(`per stream: ${(perStream / 1024).toFixed(1)} KiB (bound ${BOUND_KIB_PER_STREAM} KiB); second round ${signed(secondRound)} (bound ${BOUND_KIB_SECOND_ROUND} KiB)`);
    if (perStream > BOUND_KIB_PER_STREAM * 1024 || secondRound > BOUND_KIB_SECOND_ROUND * 1024) {
      console.error('over a bound');
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
