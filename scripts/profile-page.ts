/**
 * `npm run bench:profile -- --page today|list|sign-in`: where a page load's main-thread time goes, to find
 * what Lighthouse's TBT is made of. Chromium (/usr/bin/chromium) loads the page on the production build
 * (against a stack of its own, the perf account of scripts/perf/account.ts) with the CPU slowed 4× as
 * Lighthouse's mobile preset does, records a V8 CPU profile and the long tasks (≥ 50 ms) until the page is
 * quiet, and prints the self time by source module and the heaviest functions. A build made with
 * `BUNDLE_SOURCE_MAPS=true npm run build` names the original files; without maps, chunk URLs and offsets.
 * A measuring script, not a test: it asserts nothing. `--runs N` (3) loads the page N times; the figures
 * also go to bench/results/profile-<timestamp>.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FlattenMap, originalPositionFor, type TraceMap } from '@jridgewell/trace-mapping';
import { chromium, type CDPSession } from '@playwright/test';
import { browserCookies, createPerfAccount } from './perf/account';
import { chunkSourceMapFile } from './perf/chunk-source-map';
import { CHROMIUM, withStack, writeResult } from './perf/run';
import { ROOT } from './stack';

const CPU_SLOWDOWN = 4;
const QUIET_MS = 3000;
const TOP = 25;
const TOP_IN_TASK = 10;

type ProfileNode = {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number; readonly columnNumber: number };
};
/** What the parts of this script read of V8's CPU profile (time deltas in microseconds). */
type Profile = { readonly nodes: readonly ProfileNode[]; readonly samples: readonly number[]; readonly timeDeltas: readonly number[] };
type Place = { readonly module: string; readonly fn: string };
/**
 * The profile, where each of its nodes is in the source (mapped once per node, not per sample), and the
 * wall-clock time (ms since the epoch) at which it ended, to place samples on the page's clock.
 */
type Recording = { readonly profile: Profile; readonly places: ReadonlyMap<number, Place>; readonly endedAtEpochMs: number };
type LongTask = { readonly start: number; readonly duration: number };

function argument(flag: string, fallback: string): string {
  const index = process.argv.indexOf(flag);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

/** Source maps of the build's chunks, read once each from .next/static (null when the build has none). */
const maps = new Map<string, TraceMap | null>();
function mapFor(url: string): TraceMap | null {
  const match = /\/_next\/(static\/.+\.js)$/.exec(url);
  if (!match?.[1]) return null;
  const cached = maps.get(match[1]);
  if (cached !== undefined) return cached;
  const chunk = path.join(ROOT, '.next', match[1]);
  const mapFile = existsSync(chunk) ? chunkSourceMapFile(chunk, readFileSync(chunk, 'utf8')) : undefined;
  // Turbopack's maps come in sections, which FlattenMap reads.
  const map = mapFile ? new FlattenMap(readFileSync(mapFile, 'utf8')) : null;
  maps.set(match[1], map);
  return map;
}

/** "module › function" for a frame: the original file when mapped, else the chunk and offset. */
function whereOf(frame: ProfileNode['callFrame']): Place {
  if (!frame.url) {
    // V8's own entries are "(idle)", "(program)", "(garbage collector)"; natives (fetch, appendChild) get parentheses too.
    const name = frame.functionName || '(program)';
    return { module: name.startsWith('(') ? name : `(${name})`, fn: name };
  }
  const map = mapFor(frame.url);
  if (map) {
    const original = originalPositionFor(map, { line: frame.lineNumber + 1, column: frame.columnNumber });
    if (original.source) {
      const source = original.source.replace(/^.*node_modules\//, 'node_modules/').replace(/^.*?\/(app|components|lib)\//, '$1/');
      return { module: source, fn: `${original.name ?? frame.functionName ?? '(anonymous)'} ${source}:${original.line}` };
    }
  }
  const chunk = frame.url.replace(/^.*\/_next\//, '');
  return { module: chunk, fn: `${frame.functionName || '(anonymous)'} ${chunk}:${frame.lineNumber + 1}:${frame.columnNumber}` };
}

/** Self time (ms) per key, from the profile's samples; `within` keeps only samples taken at those epoch times. */
function selfTimes(recording: Recording, keyOf: (place: Place) => string, within?: (epochMs: number) => boolean): Map<string, number> {
  const { profile, places, endedAtEpochMs } = recording;
  const totalMicros = profile.timeDeltas.reduce((sum, delta) => sum + delta, 0);
  // Samples are placed back from the end: the profile's own clock has no link to the epoch.
  const startEpochMs = endedAtEpochMs - totalMicros / 1000;
  const totals = new Map<string, number>();
  let at = startEpochMs;
  profile.samples.forEach((id, index) => {
    const delta = (profile.timeDeltas[index] ?? 0) / 1000;
    at += delta;
    const place = places.get(id);
    if (!place || (within && !within(at))) return;
    const key = keyOf(place);
    totals.set(key, (totals.get(key) ?? 0) + delta);
  });
  return totals;
}

type Entry = { readonly name: string; readonly ms: number };

/** Prints the `count` heaviest entries (idle left out) and returns them for the JSON. */
function printTop(title: string, totals: Map<string, number>, count: number): Entry[] {
  console.log(`\n${title}`);
  const top = [...totals]
    .filter(([name]) => name !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => ({ name, ms: Math.round(ms) }));
  for (const { name, ms } of top) console.log(`  ${String(ms).padStart(6)} ms  ${name}`);
  return top;
}

async function profileLoad(cdp: CDPSession, load: () => Promise<void>): Promise<Recording> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await load();
  const endedAtEpochMs = Date.now();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  return { profile, places: new Map(profile.nodes.map((node) => [node.id, whereOf(node.callFrame)])), endedAtEpochMs };
}

async function main(): Promise<void> {
  const pageName = argument('--page', 'today');
  const runs = Number(argument('--runs', '3'));
  await withStack('profile', async (stack) => {
    const account = await createPerfAccount(stack.appUrl);
    const paths: Record<string, string> = { today: '/today', list: `/lists/${account.bigListId}`, 'sign-in': '/sign-in' };
    const pagePath = paths[pageName];
    if (!pagePath) throw new Error(`--page: one of ${Object.keys(paths).join(', ')}`);
    const browser = await chromium.launch({ executablePath: CHROMIUM });
    const results: Record<string, unknown>[] = [];
    try {
      for (let run = 1; run <= runs; run += 1) {
        const context = await browser.newContext({ viewport: { width: 412, height: 823 }, timezoneId: 'UTC' });
        if (pageName !== 'sign-in') await context.addCookies(browserCookies(await account.newSession()));
        const page = await context.newPage();
        await page.addInitScript(() => {
          const tasks: LongTask[] = [];
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
          }).observe({ type: 'longtask', buffered: true });
          Object.assign(window, { __longTasks: tasks });
        });
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
        const recording = await profileLoad(cdp, async () => {
          await page.goto(`${stack.appUrl}${pagePath}`, { waitUntil: 'load' });
          await page.waitForTimeout(QUIET_MS);
        });
        const { timeOrigin, longTasks } = await page.evaluate(() => ({
          timeOrigin: performance.timeOrigin,
          longTasks: (window as unknown as { __longTasks: LongTask[] }).__longTasks,
        }));
        const blocking = longTasks.reduce((sum, task) => sum + Math.max(0, task.duration - 50), 0);
        console.log(`\n━━ ${pageName}, run ${run}: ${longTasks.length} long tasks, ${blocking.toFixed(0)} ms over 50 ms (throttled ${CPU_SLOWDOWN}×, not Lighthouse's simulation)`);
        const byModule = printTop('self time by module', selfTimes(recording, (place) => place.module), TOP);
        const byFunction = printTop('self time by function', selfTimes(recording, (place) => place.fn), TOP);
        const tasks = longTasks.map((task) => {
          const from = timeOrigin + task.start;
          const inTask = (epochMs: number) => epochMs >= from && epochMs <= from + task.duration;
          const title = `long task of ${task.duration.toFixed(0)} ms at ${task.start.toFixed(0)} ms: by function`;
          return { startMs: Math.round(task.start), durationMs: Math.round(task.duration), byFunction: printTop(title, selfTimes(recording, (place) => place.fn, inTask), TOP_IN_TASK) };
        });
        results.push({ run, blockingMs: Math.round(blocking), longTasks: tasks, byModule, byFunction });
        await context.close();
      }
    } finally {
      await browser.close();
    }
    writeResult('profile', { at: new Date().toISOString(), page: pageName, cpuSlowdown: CPU_SLOWDOWN, runs: results });
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
