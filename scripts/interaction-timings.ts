/**
 * `npm run bench:interactions`: how long the app takes to answer a person, in Chromium (/usr/bin/chromium)
 * on the production build against a stack of its own (a measuring script, not a test: it asserts nothing).
 * Each timing is taken inside the page, on the page's own clock:
 *   start  the trusted input event's timeStamp (click, input, keydown or change), caught in the capture
 *          phase on document before the app's handlers run;
 *   end    the first DOM mutation after which the expected result is in the DOM (MutationObserver), then
 *          requestAnimationFrame, then a message posted from that frame: the message runs after the frame
 *          has been rendered, so the figure is "input to the frame that shows the answer".
 * Interactions, REPETITIONS times each, p50 and p95 printed and written to bench/results/interactions-<ts>.json:
 *   switch view (cached)   click All tasks ↔ Today in the sidebar: heading and the view's own rows shown;
 *   switch list (cached)   click Big list (200 tasks) ↔ Small list: heading and the list's rows shown;
 *   search, typing         one input event with the whole word: only matching rows shown (the rows follow
 *                          the box at once from what is cached; the server is asked after a 300 ms pause);
 *   search, Enter          the same, searched at once with Enter;
 *   complete painted       click a row's checkbox: the row drawn as done, or gone from the view;
 *   open details           click a row's title: the details dialog open with that task.
 * The views are visited once before measuring, so "cached" means React Query already holds them.
 */
import { chromium, type Page } from '@playwright/test';
import { browserCookies, createPerfAccount } from './perf/account';
import { CHROMIUM, percentile, withStack, writeResult } from './perf/run';

const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 20);
const TIMEOUT_MS = 10_000;

/** What says the interaction's answer is in the DOM. */
type Answer =
  | { readonly kind: 'view'; readonly heading: string; readonly rowPrefix: string }
  | { readonly kind: 'search'; readonly word: string }
  | { readonly kind: 'row-changed'; readonly taskId: string }
  | { readonly kind: 'dialog'; readonly title: string };

type Trigger = 'click' | 'input' | 'keydown' | 'change';

/**
 * Arms the in-page timer: waits for the next trusted `trigger` event, then for `answer` to hold after a DOM
 * mutation, and resolves window.__interaction with the milliseconds from the event to the frame after.
 */
async function arm(page: Page, trigger: Trigger, answer: Answer): Promise<void> {
  await page.evaluate(
    ({ trigger, answer, timeoutMs }) => {
      const titles = () => [...document.querySelectorAll('main li[data-task-id]')].map((row) => row.textContent ?? '');
      const initialClass = answer.kind === 'row-changed' ? document.querySelector(`li[data-task-id="${answer.taskId}"]`)?.className : undefined;
      const holds = (): boolean => {
        switch (answer.kind) {
          case 'view': {
            const heading = document.querySelector('main h1')?.textContent?.trim();
            const rows = titles();
            return heading === answer.heading && rows.length > 0 && rows.some((title) => title.includes(answer.rowPrefix));
          }
          case 'search': {
            const rows = titles();
            return rows.length > 0 && rows.every((title) => title.includes(answer.word));
          }
          case 'row-changed': {
            const row = document.querySelector(`li[data-task-id="${answer.taskId}"]`);
            return !row || row.className !== initialClass;
          }
          case 'dialog':
            return [...document.querySelectorAll('dialog[open]')].some((dialog) => dialog.textContent?.includes(answer.title));
        }
      };
      const timing = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms: ${JSON.stringify(answer)}; the page shows "${document.querySelector('main h1')?.textContent}" and rows ${JSON.stringify(titles().slice(0, 3))}…`)), timeoutMs);
        document.addEventListener(
          trigger,
          (event) => {
            const start = event.timeStamp;
            const observer = new MutationObserver(() => {
              if (!holds()) return;
              observer.disconnect();
              requestAnimationFrame(() => {
                const channel = new MessageChannel();
                channel.port1.onmessage = () => {
                  clearTimeout(timer);
                  resolve(performance.now() - start);
                };
                channel.port2.postMessage(null);
              });
            });
            observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
          },
          { capture: true, once: true },
        );
      });
      (window as unknown as { __interaction: Promise<number> }).__interaction = timing;
    },
    { trigger, answer, timeoutMs: TIMEOUT_MS },
  );
}

async function timed(page: Page, trigger: Trigger, answer: Answer, act: () => Promise<void>): Promise<number> {
  await arm(page, trigger, answer);
  await act();
  return page.evaluate(() => (window as unknown as { __interaction: Promise<number> }).__interaction);
}

type Figures = { p50Ms: number; p95Ms: number; samplesMs: number[] };
const figures = (samples: number[]): Figures => ({
  p50Ms: +percentile(samples, 0.5).toFixed(1),
  p95Ms: +percentile(samples, 0.95).toFixed(1),
  samplesMs: samples.map((sample) => +sample.toFixed(1)),
});

/** A sidebar link by its view's or list's name (a list's link also says its counts: "Big list, 200 open"). */
const sidebarLink = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Lists' }).getByRole('link', { name: new RegExp(`^${name}(,|$)`) });

type Destination = { readonly link: string; readonly answer: Answer };

/** Alternates between two sidebar destinations (the page is on neither or on `a`), timing each click after both were shown once. */
async function switching(page: Page, a: Destination, b: Destination): Promise<number[]> {
  for (const target of [b, a]) {
    await sidebarLink(page, target.link).click();
    await page.getByRole('heading', { level: 1, name: target.link, exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
  }
  const samples: number[] = [];
  for (let i = 0; i < REPETITIONS; i++) {
    const target = i % 2 === 0 ? b : a;
    samples.push(await timed(page, 'click', target.answer, () => sidebarLink(page, target.link).click()));
  }
  return samples;
}

async function searching(page: Page, words: readonly [string, string], submit: boolean): Promise<number[]> {
  const box = page.getByRole('searchbox', { name: 'Search tasks' });
  const samples: number[] = [];
  for (let i = 0; i < REPETITIONS; i++) {
    const word = words[i % 2]!;
    if (submit) {
      await box.fill(word.slice(0, -1));
      samples.push(await timed(page, 'keydown', { kind: 'search', word }, () => box.press(word.slice(-1)).then(() => box.press('Enter'))));
    } else {
      samples.push(await timed(page, 'input', { kind: 'search', word }, () => box.fill(word)));
    }
  }
  return samples;
}

async function completing(page: Page): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < REPETITIONS; i++) {
    const row = page.locator('main li[data-task-id]').filter({ hasNot: page.locator('input:checked') }).first();
    const taskId = await row.getAttribute('data-task-id');
    if (!taskId) throw new Error('no open task to complete');
    samples.push(await timed(page, 'change', { kind: 'row-changed', taskId }, () => row.getByRole('checkbox').click()));
    // The save settles before the next one, so each sample is one toggle on a calm page.
    await page.waitForLoadState('networkidle');
  }
  return samples;
}

async function openingDetails(page: Page): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < REPETITIONS; i++) {
    const open = page.locator('main li[data-task-id]').nth(i).locator('button[aria-haspopup="dialog"]');
    const title = (await open.textContent())?.trim() ?? '';
    samples.push(await timed(page, 'click', { kind: 'dialog', title }, () => open.click()));
    await page.keyboard.press('Escape');
    await page.locator('dialog[open]').waitFor({ state: 'detached', timeout: TIMEOUT_MS }).catch(() => page.locator('dialog[open]').waitFor({ state: 'hidden' }));
  }
  return samples;
}

async function main() {
  const at = new Date().toISOString();
  const results = await withStack('interactions', async (stack) => {
    console.log('seeding the account…');
    const account = await createPerfAccount(stack.appUrl);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const context = await browser.newContext({ baseURL: stack.appUrl, viewport: { width: 1280, height: 800 }, timezoneId: 'UTC', locale: 'en-US' });
      await context.addCookies(browserCookies(account.session));
      // tsx compiles this script with esbuild's keepNames, whose __name helper the page-side functions
      // passed to page.evaluate then call; the page gets a stand-in that leaves names alone.
      await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
      const page = await context.newPage();
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: 'All tasks' }).waitFor();
      await page.waitForLoadState('networkidle');
      const measured: Record<string, Figures> = {};
      const record = (name: string, samples: number[]) => {
        measured[name] = figures(samples);
        console.log(`${name.padEnd(22)} p50 ${measured[name].p50Ms} ms  p95 ${measured[name].p95Ms} ms  (${samples.length} runs)`);
      };
      record('switch view (cached)', await switching(
        page,
        { link: 'All tasks', answer: { kind: 'view', heading: 'All tasks', rowPrefix: 'Small task' } },
        { link: 'Today', answer: { kind: 'view', heading: 'Today', rowPrefix: 'Today task' } },
      ));
      record('switch list (cached)', await switching(
        page,
        { link: 'Big list', answer: { kind: 'view', heading: 'Big list', rowPrefix: 'item' } },
        { link: 'Small list', answer: { kind: 'view', heading: 'Small list', rowPrefix: 'Small task' } },
      ));
      await sidebarLink(page, 'Big list').click();
      await page.getByRole('heading', { level: 1, name: 'Big list' }).waitFor();
      record('search, typing', await searching(page, [account.searchWord, 'Routine item 1'], false));
      record('search, Enter', await searching(page, [account.searchWord, 'Routine item 1'], true));
      await page.getByRole('searchbox', { name: 'Search tasks' }).fill('');
      await sidebarLink(page, 'Small list').click();
      await page.getByRole('heading', { level: 1, name: 'Small list' }).waitFor();
      await page.waitForLoadState('networkidle');
      record('open details', await openingDetails(page));
      await sidebarLink(page, 'Big list').click();
      await page.getByRole('heading', { level: 1, name: 'Big list' }).waitFor();
      await page.waitForLoadState('networkidle');
      record('complete painted', await completing(page));
      return measured;
    } finally {
      await browser.close();
    }
  });
  writeResult('interactions', {
    at,
    node: process.version,
    repetitions: REPETITIONS,
    interactions: results,
    targets: { switchP95MsAtMost: 100, searchP95MsAtMost: 150, completePaintedP95MsAtMost: 50 },
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
