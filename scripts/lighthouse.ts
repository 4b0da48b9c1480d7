/**
 * `npm run lighthouse`: Lighthouse (mobile and desktop presets) on the production build, against a stack
 * of its own on 127.0.0.1, with Debian's Chromium (/usr/bin/chromium). Pages: sign-in (signed out), Today
 * with 50 tasks and a list of 200 tasks (signed in: a fresh session's cookies are put into the browser's jar).
 * Prints the four category scores and LCP, CLS and TBT per page and preset, and writes the figures and each
 * full report's numbers to bench/results/lighthouse-<timestamp>.json. `--build` rebuilds first.
 * Mobile uses Lighthouse's simulated throttling (slow 4G, 4× CPU), so TBT also grows with a busy machine.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import type { Session } from '../tests/api/client';
import { browserCookies, createPerfAccount } from './perf/account';
import { CHROMIUM, withStack, writeResult } from './perf/run';

const PRESETS = { mobile: undefined, desktop: desktopConfig } as const;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

type PageFigures = {
  readonly page: string;
  readonly preset: keyof typeof PRESETS;
  readonly scores: Record<(typeof CATEGORIES)[number], number | null>;
  readonly lcpMs: number | null;
  readonly cls: number | null;
  readonly tbtMs: number | null;
  /** Audits that scored below 1, so a missed point says where it went. */
  readonly failing: string[];
  /** What the browser logged as errors (the errors-in-console audit's items). */
  readonly consoleErrors: string[];
  /** Where the page ended up: a signed-in page must not have become /sign-in. */
  readonly finalUrl: string;
};

function consoleErrors(details: unknown): string[] {
  const items = (details as { items?: { description?: string; source?: string; url?: string }[] } | undefined)?.items ?? [];
  return items.map((item) => `${item.source ?? ''} ${item.description ?? ''} ${item.url ?? ''}`.trim());
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

async function audit(url: string, preset: keyof typeof PRESETS, cookies: Session | null, page: string): Promise<PageFigures> {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  try {
    if (cookies) await setBrowserCookies(chrome.port, browserCookies(cookies));
    // Storage is not reset, or Lighthouse would clear those cookies; each audit has a fresh browser anyway.
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', disableStorageReset: true }, PRESETS[preset]);
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.message}`);
    const score = (category: string) => {
      const value = lhr.categories[category]?.score;
      return value === null || value === undefined ? null : Math.round(value * 100);
    };
    const numeric = (id: string) => lhr.audits[id]?.numericValue ?? null;
    const scored = new Set(CATEGORIES.flatMap((category) => lhr.categories[category]?.auditRefs.filter((ref) => ref.weight > 0).map((ref) => ref.id) ?? []));
    const failing = Object.values(lhr.audits)
      .filter((a) => scored.has(a.id) && a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative')
      .map((a) => `${a.id} (${a.displayValue ?? a.score})`);
    return {
      page,
      preset,
      scores: { performance: score('performance'), accessibility: score('accessibility'), 'best-practices': score('best-practices'), seo: score('seo') },
      lcpMs: numeric('largest-contentful-paint'),
      cls: numeric('cumulative-layout-shift'),
      tbtMs: numeric('total-blocking-time'),
      failing,
      consoleErrors: consoleErrors(lhr.audits['errors-in-console']?.details),
      finalUrl: lhr.finalDisplayedUrl,
    };
  } finally {
    chrome.kill();
  }
}

async function main() {
  const at = new Date().toISOString();
  const pages = await withStack('lighthouse', async (stack) => {
    console.log('seeding the account…');
    const account = await createPerfAccount(stack.appUrl);
    const targets = [
      { page: 'sign-in', url: `${stack.appUrl}/sign-in`, signedIn: false },
      { page: 'today (50 tasks)', url: `${stack.appUrl}/today`, signedIn: true },
      { page: 'list (200 tasks)', url: `${stack.appUrl}/lists/${account.bigListId}`, signedIn: true },
    ];
    const figures: PageFigures[] = [];
    for (const target of targets) {
      for (const preset of Object.keys(PRESETS) as (keyof typeof PRESETS)[]) {
        // Each audit signs in afresh, so what one page does to its session cannot touch the next.
        const cookies = target.signedIn ? await account.newSession() : null;
        const measured = await audit(target.url, preset, cookies, target.page);
        figures.push(measured);
        const s = measured.scores;
        console.log(
          `${target.page.padEnd(18)} ${preset.padEnd(8)} perf ${s.performance} / a11y ${s.accessibility} / bp ${s['best-practices']} / seo ${s.seo}` +
            `  LCP ${Math.round(measured.lcpMs ?? NaN)} ms  CLS ${measured.cls?.toFixed(3)}  TBT ${Math.round(measured.tbtMs ?? NaN)} ms`,
        );
        if (new URL(measured.finalUrl).pathname !== new URL(target.url).pathname) throw new Error(`${target.url} ended at ${measured.finalUrl}`);
        if (measured.failing.length > 0) console.log(`  below full marks: ${measured.failing.join(', ')}`);
        for (const error of measured.consoleErrors) console.log(`  console: ${error}`);
      }
    }
    return figures;
  });
  writeResult('lighthouse', {
    at,
    node: process.version,
    pages,
    targets: { mobile: { performance: 98, accessibility: 100, 'best-practices': 100, seo: 100, lcpMsAtMost: 2000, clsAtMost: 0.02, tbtMsAtMost: 150 } },
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
