/**
 * `npm run lighthouse`: Lighthouse (mobile and desktop presets) on the production build, against a stack
 * of its own on 127.0.0.1, with Debian's Chromium (/usr/bin/chromium). Pages: sign-in (signed out), Today
 * with 50 tasks and a list of 200 tasks (signed in: a fresh session's cookies are put into the browser's jar).
 * Each page and preset is audited `--runs` times (3); prints the four category scores, LCP, CLS, TBT, the LCP
 * element and its observed breakdown per run and their medians, and writes every run and the medians to
 * bench/results/lighthouse-<timestamp>.json. `--pages sign-in,today,list` and `--presets mobile,desktop`
 * narrow the run, `--keep-reports` keeps each full report beside it, `--throttling devtools` throttles
 * the load itself instead of simulating, `--build` rebuilds first.
 * Mobile uses Lighthouse's simulated throttling (slow 4G, 4× CPU), so TBT also grows with a busy machine.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import type { Session } from '../tests/api/client';
import { BIG_LIST_TASKS, browserCookies, createPerfAccount, TODAY_TASKS } from './perf/account';
import { CHROMIUM, withStack, writeResult } from './perf/run';
import { ROOT } from './stack';

const PRESETS = { mobile: undefined, desktop: desktopConfig } as const;
type Preset = keyof typeof PRESETS;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const PAGES = ['sign-in', 'today', 'list'] as const;
type PageName = (typeof PAGES)[number];
const LCP_SUBPARTS = ['timeToFirstByte', 'resourceLoadDelay', 'resourceLoadDuration', 'elementRenderDelay'] as const;
type LcpSubpart = (typeof LCP_SUBPARTS)[number];
/** Timings are noisy on a shared machine: each page and preset is audited this many times and the median reported. */
const DEFAULT_RUNS = 3;

const THROTTLING = ['simulate', 'devtools'] as const;
type Throttling = (typeof THROTTLING)[number];

type Options = {
  readonly runs: number;
  readonly pages: readonly PageName[];
  readonly presets: readonly Preset[];
  readonly keepReports: boolean;
  /**
   * simulate (the default, what the targets mean): one unthrottled load, timings then modelled. devtools:
   * the load itself is throttled, to check the model (it counts every script that happened to finish
   * before the unthrottled first paint into the LCP).
   */
  readonly throttling: Throttling;
};

type PageFigures = {
  readonly page: string;
  readonly preset: Preset;
  readonly run: number;
  readonly scores: Record<(typeof CATEGORIES)[number], number | null>;
  readonly lcpMs: number | null;
  readonly cls: number | null;
  readonly tbtMs: number | null;
  /** The LCP as the unthrottled browser saw it, split into Lighthouse's four parts (ms; a text LCP has no resource parts). */
  readonly observedLcpBreakdown: Partial<Record<LcpSubpart, number>>;
  /** What the LCP element is (its selector and text), so a change of element shows. */
  readonly lcpElement: string | null;
  /** Audits that scored below 1, so a missed point says where it went. */
  readonly failing: string[];
  /** What the browser logged as errors (the errors-in-console audit's items). */
  readonly consoleErrors: string[];
  /** Where the page ended up: a signed-in page must not have become /sign-in. */
  readonly finalUrl: string;
};

type Target = { readonly page: PageName; readonly label: string; readonly url: string; readonly signedIn: boolean };

function parseOptions(argv: readonly string[]): Options {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const listOf = <T extends string>(flag: string, allowed: readonly T[]): readonly T[] => {
    const given = value(flag);
    if (given === undefined) return allowed;
    const names = given.split(',');
    const unknown = names.filter((name) => !(allowed as readonly string[]).includes(name));
    if (unknown.length > 0) throw new Error(`${flag}: unknown ${unknown.join(', ')} (one or more of ${allowed.join(', ')})`);
    return names as T[];
  };
  const runs = Number(value('--runs') ?? DEFAULT_RUNS);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number of at least 1');
  const throttling = value('--throttling') ?? 'simulate';
  if (!(THROTTLING as readonly string[]).includes(throttling)) throw new Error(`--throttling: ${THROTTLING.join(' or ')}`);
  return {
    runs,
    pages: listOf('--pages', PAGES),
    presets: listOf('--presets', Object.keys(PRESETS) as Preset[]),
    keepReports: argv.includes('--keep-reports'),
    throttling: throttling as Throttling,
  };
}

function consoleErrors(details: unknown): string[] {
  const items = (details as { items?: { description?: string; source?: string; url?: string }[] } | undefined)?.items ?? [];
  return items.map((item) => `${item.source ?? ''} ${item.description ?? ''} ${item.url ?? ''}`.trim());
}

type ListDetails = { items?: ({ type?: string; items?: { subpart?: string; duration?: number }[]; selector?: string; snippet?: string; nodeLabel?: string } | undefined)[] };

/** The lcp-breakdown-insight audit's two parts: the table of subparts and the element. */
function lcpBreakdown(details: unknown): { breakdown: Partial<Record<LcpSubpart, number>>; element: string | null } {
  const parts = (details as ListDetails | undefined)?.items ?? [];
  const breakdown: Partial<Record<LcpSubpart, number>> = {};
  for (const row of parts.find((part) => part?.type === 'table')?.items ?? []) {
    const subpart = LCP_SUBPARTS.find((name) => name === row.subpart);
    if (subpart && typeof row.duration === 'number') breakdown[subpart] = Math.round(row.duration);
  }
  const node = parts.find((part) => part?.type === 'node');
  return { breakdown, element: node ? `${node.selector ?? ''} "${node.nodeLabel ?? ''}"` : null };
}

/**
 * Puts the session cookies into the browser's own jar over the DevTools protocol (Storage.setCookies), so
 * every request of the page carries them, including those Lighthouse's extraHeaders would miss.
 */
async function setBrowserCookies(port: number, cookies: readonly { name: string; value: string; url: string }[]): Promise<void> {
  const { webSocketDebuggerUrl } = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as { webSocketDebuggerUrl: string };
  const socket = new WebSocket(webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.onmessage = (event) => {
        const reply = JSON.parse(String(event.data)) as { id?: number; error?: { message: string } };
        if (reply.id !== 1) return;
        if (reply.error) reject(new Error(`Storage.setCookies: ${reply.error.message}`));
        else resolve();
      };
      socket.send(JSON.stringify({ id: 1, method: 'Storage.setCookies', params: { cookies } }));
    });
  } finally {
    socket.close();
  }
}

/** Path and query: what a page is, whatever the host. */
function pageOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/** Lighthouse's own "run it again" failures: its trace missed the navigation start, which a busy machine makes likelier. */
const RETRIED_ERRORS = ['NO_NAVSTART', 'NO_FCP'];
const ATTEMPTS = 3;

class LighthouseRunError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type AuditResult = { readonly figures: PageFigures; readonly report: unknown };

async function audit(target: Target, preset: Preset, run: number, cookies: Session | null, throttling: Throttling): Promise<AuditResult> {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  try {
    if (cookies) await setBrowserCookies(chrome.port, browserCookies(cookies));
    // Storage is not reset, or Lighthouse would clear those cookies; each audit has a fresh browser anyway.
    const flags = { port: chrome.port, output: 'json', logLevel: 'error', disableStorageReset: true, throttlingMethod: throttling } as const;
    const result = await lighthouse(target.url, flags, PRESETS[preset]);
    if (!result) throw new Error(`Lighthouse returned nothing for ${target.url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new LighthouseRunError(lhr.runtimeError.code, `Lighthouse on ${target.url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    // A redirect (proxy.ts sends a signed-out visitor to sign-in) or a client-side navigation would audit another page.
    for (const [what, url] of [['main document', lhr.mainDocumentUrl], ['final page', lhr.finalDisplayedUrl]] as const) {
      if (!url || pageOf(url) !== pageOf(target.url)) throw new Error(`${target.label} (${preset}): the ${what} is ${url ?? 'missing'}, not ${target.url}`);
    }
    const score = (category: string) => {
      const value = lhr.categories[category]?.score;
      return value === null || value === undefined ? null : Math.round(value * 100);
    };
    const numeric = (id: string) => lhr.audits[id]?.numericValue ?? null;
    const scored = new Set(CATEGORIES.flatMap((category) => lhr.categories[category]?.auditRefs.filter((ref) => ref.weight > 0).map((ref) => ref.id) ?? []));
    const failing = Object.values(lhr.audits)
      .filter((a) => scored.has(a.id) && a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative')
      .map((a) => `${a.id} (${a.displayValue ?? a.score})`);
    const lcp = lcpBreakdown(lhr.audits['lcp-breakdown-insight']?.details);
    const figures: PageFigures = {
      page: target.label,
      preset,
      run,
      scores: { performance: score('performance'), accessibility: score('accessibility'), 'best-practices': score('best-practices'), seo: score('seo') },
      lcpMs: numeric('largest-contentful-paint'),
      cls: numeric('cumulative-layout-shift'),
      tbtMs: numeric('total-blocking-time'),
      observedLcpBreakdown: lcp.breakdown,
      lcpElement: lcp.element,
      failing,
      consoleErrors: consoleErrors(lhr.audits['errors-in-console']?.details),
      finalUrl: lhr.finalDisplayedUrl,
    };
    return { figures, report: lhr };
  } finally {
    chrome.kill();
  }
}

async function auditWithRetry(target: Target, preset: Preset, run: number, cookies: Session | null, throttling: Throttling): Promise<AuditResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await audit(target, preset, run, cookies, throttling);
    } catch (error) {
      if (!(error instanceof LighthouseRunError) || !RETRIED_ERRORS.includes(error.code) || attempt === ATTEMPTS) throw error;
      console.log(`  ${target.label} ${preset} run ${run}: ${error.code}, auditing again (attempt ${attempt + 1} of ${ATTEMPTS})`);
    }
  }
}

function median(values: readonly (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const middle = Math.floor(known.length / 2);
  return known.length % 2 === 1 ? known[middle]! : (known[middle - 1]! + known[middle]!) / 2;
}

type Summary = {
  readonly page: string;
  readonly preset: Preset;
  readonly runs: number;
  readonly median: {
    readonly scores: Record<(typeof CATEGORIES)[number], number | null>;
    readonly lcpMs: number | null;
    readonly cls: number | null;
    readonly tbtMs: number | null;
    readonly observedLcpBreakdown: Partial<Record<LcpSubpart, number | null>>;
  };
};

function summarize(runs: readonly PageFigures[]): Summary {
  const [first] = runs;
  if (!first) throw new Error('no runs to summarize');
  const of = (pick: (figures: PageFigures) => number | null | undefined) => median(runs.map((figures) => pick(figures) ?? null));
  return {
    page: first.page,
    preset: first.preset,
    runs: runs.length,
    median: {
      scores: Object.fromEntries(CATEGORIES.map((category) => [category, of((figures) => figures.scores[category])])) as Summary['median']['scores'],
      lcpMs: of((figures) => figures.lcpMs),
      cls: of((figures) => figures.cls),
      tbtMs: of((figures) => figures.tbtMs),
      observedLcpBreakdown: Object.fromEntries(LCP_SUBPARTS.map((subpart) => [subpart, of((figures) => figures.observedLcpBreakdown[subpart])])),
    },
  };
}

function line(label: string, preset: string, figures: { scores: PageFigures['scores']; lcpMs: number | null; cls: number | null; tbtMs: number | null }): string {
  const s = figures.scores;
  return (
    `${label.padEnd(18)} ${preset.padEnd(8)} perf ${s.performance} / a11y ${s.accessibility} / bp ${s['best-practices']} / seo ${s.seo}` +
    `  LCP ${Math.round(figures.lcpMs ?? NaN)} ms  CLS ${figures.cls?.toFixed(3)}  TBT ${Math.round(figures.tbtMs ?? NaN)} ms`
  );
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const at = new Date().toISOString();
  const reportsDir = path.join(ROOT, 'bench', 'results', `lighthouse-${at.replace(/[:.]/g, '-')}`);
  const { pages, summaries } = await withStack('lighthouse', async (stack) => {
    console.log('seeding the account…');
    const account = await createPerfAccount(stack.appUrl);
    const allTargets: Target[] = [
      { page: 'sign-in', label: 'sign-in', url: `${stack.appUrl}/sign-in`, signedIn: false },
      { page: 'today', label: `today (${TODAY_TASKS} tasks)`, url: `${stack.appUrl}/today`, signedIn: true },
      { page: 'list', label: `list (${BIG_LIST_TASKS} tasks)`, url: `${stack.appUrl}/lists/${account.bigListId}`, signedIn: true },
    ];
    const figures: PageFigures[] = [];
    const summaries: Summary[] = [];
    for (const target of allTargets.filter((candidate) => options.pages.includes(candidate.page))) {
      for (const preset of options.presets) {
        const runs: PageFigures[] = [];
        for (let run = 1; run <= options.runs; run++) {
          // Each audit signs in afresh, so what one page does to its session cannot touch the next.
          const cookies = target.signedIn ? await account.newSession() : null;
          const { figures: measured, report } = await auditWithRetry(target, preset, run, cookies, options.throttling);
          runs.push(measured);
          console.log(`${line(target.label, preset, measured)}  run ${run}  LCP element ${measured.lcpElement ?? '?'}`);
          if (measured.failing.length > 0) console.log(`  below full marks: ${measured.failing.join(', ')}`);
          for (const error of measured.consoleErrors) console.log(`  console: ${error}`);
          if (options.keepReports) {
            mkdirSync(reportsDir, { recursive: true });
            writeFileSync(path.join(reportsDir, `${target.page}-${preset}-${run}.json`), JSON.stringify(report));
          }
        }
        figures.push(...runs);
        const summary = summarize(runs);
        summaries.push(summary);
        const b = summary.median.observedLcpBreakdown;
        console.log(`${line(target.label, preset, summary.median)}  median of ${runs.length}`);
        console.log(`  observed LCP breakdown (median ms): TTFB ${b.timeToFirstByte} · load delay ${b.resourceLoadDelay ?? '-'} · load ${b.resourceLoadDuration ?? '-'} · render delay ${b.elementRenderDelay}`);
      }
    }
    return { pages: figures, summaries };
  });
  if (options.keepReports) console.log(`full reports in ${path.relative(ROOT, reportsDir)}`);
  writeResult('lighthouse', {
    at,
    node: process.version,
    runsPerPage: options.runs,
    throttling: options.throttling,
    summaries,
    pages,
    targets: { mobile: { performance: 98, accessibility: 100, 'best-practices': 100, seo: 100, lcpMsAtMost: 2000, clsAtMost: 0.02, tbtMsAtMost: 150 } },
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
