/**
 * `npm run screenshots`: the main views at 1280 × 800 and 360 × 740, light and dark, into
 * docs/screenshots/<view>-<width>-<scheme>.png. Starts its own stack on free ports (emulators, the
 * standalone build, the activity consumer), makes a demo account through the API, and opens each view by URL,
 * waiting for its main heading rather than for any row markup, so it survives UI changes. Each picture
 * shows the page from the top, up to three screens tall.
 * Needs a build: `npm run build` first.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import sharp from 'sharp';
import { assertNodeVersion } from './node-version';
import { createDemoAccount, DEMO_TIME_ZONE, DEMO_USER, type DemoAccount } from './screenshots/demo-account';
import { prepareStandalone, ROOT, startTestStack } from './stack';

const OUT_DIR = path.join(ROOT, 'docs', 'screenshots');
const CHROMIUM = '/usr/bin/chromium';
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 360, height: 740 },
] as const;
const SCHEMES = ['light', 'dark'] as const;
const MAX_SCREENS = 3;

type View = {
  readonly name: string;
  readonly path: (account: DemoAccount) => string;
  /** The page's level-1 heading, which says the view has painted. */
  readonly heading: string | RegExp;
  readonly signedIn: boolean;
  /** Done after the heading shows, before the picture (e.g. open a dialog). */
  readonly prepare?: (page: Page) => Promise<void>;
  /** How many viewports tall the picture may be; a modal's backdrop covers one. Default MAX_SCREENS. */
  readonly screens?: number;
};

const VIEWS: readonly View[] = [
  { name: 'sign-in', path: () => '/sign-in', heading: 'Sign in', signedIn: false },
  { name: 'all-tasks', path: () => '/', heading: 'All tasks', signedIn: true },
  { name: 'inbox', path: (account) => `/lists/${account.inboxId}`, heading: 'Inbox', signedIn: true },
  { name: 'shared-list', path: (account) => `/lists/${account.sharedListId}`, heading: 'Trip to Lisbon', signedIn: true },
  { name: 'today', path: () => '/today', heading: 'Today', signedIn: true },
  { name: 'upcoming', path: () => '/upcoming', heading: 'Upcoming', signedIn: true },
  { name: 'tag', path: () => '/?tag=errands', heading: /errands/, signedIn: true },
  {
    name: 'search-typing',
    path: () => '/',
    heading: 'All tasks',
    signedIn: true,
    prepare: async (page) => {
      // The search's own request is held, so the picture shows the rows narrowed while the server is asked.
      await page.route((url) => url.searchParams.has('q'), () => undefined);
      await page.getByRole('searchbox', { name: 'Search tasks' }).fill('report');
      await page.getByText(/searching…/).waitFor();
    },
  },
  {
    name: 'task-details',
    path: () => '/',
    heading: 'All tasks',
    signedIn: true,
    screens: 1,
    prepare: async (page) => {
      await page.getByRole('button', { name: 'Quarterly report draft', exact: true }).click();
      await page.getByRole('dialog', { name: 'Task details' }).getByRole('list', { name: 'Subtasks' }).waitFor();
    },
  },
  { name: 'activity', path: () => '/activity', heading: 'Activity', signedIn: true },
  { name: 'account', path: () => '/account', heading: 'Account', signedIn: true },
  {
    name: 'shortcuts-help',
    path: () => '/',
    heading: 'All tasks',
    signedIn: true,
    screens: 1,
    prepare: async (page) => {
      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    },
  },
];

async function capture(browser: Browser, appUrl: string, account: DemoAccount): Promise<string[]> {
  const written: string[] = [];
  for (const viewport of VIEWPORTS) {
    for (const colorScheme of SCHEMES) {
      const context = await browser.newContext({
        baseURL: appUrl,
        viewport,
        colorScheme,
        timezoneId: DEMO_TIME_ZONE,
        locale: 'en-US',
        reducedMotion: 'reduce',
        // The API refuses cookie writes without Origin; page.request sends none of its own.
        extraHTTPHeaders: { Origin: new URL(appUrl).origin },
      });
      const page = await context.newPage();
      for (const view of VIEWS) {
        if (view.signedIn) await signIn(page);
        else await context.clearCookies();
        await page.goto(view.path(account));
        await page.getByRole('heading', { level: 1, name: view.heading, exact: typeof view.heading === 'string' }).waitFor();
        await page.waitForLoadState('networkidle');
        await view.prepare?.(page);
        const file = path.join(OUT_DIR, `${view.name}-${viewport.width}-${colorScheme}.png`);
        await writeFile(file, await picture(page, viewport, view.screens ?? MAX_SCREENS));
        written.push(path.relative(ROOT, file));
      }
      await context.close();
    }
  }
  return written;
}

/**
 * The page from its top, down to at most `screens` viewports (the tasks sit below the add form), as a
 * palette PNG: a fraction of the bytes, and the flat colours of the UI survive it.
 */
async function picture(page: Page, viewport: { readonly width: number; readonly height: number }, screens: number): Promise<Buffer> {
  const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
  const height = Math.min(pageHeight, viewport.height * screens);
  // Lazy images load only once scrolled to; the full-page picture does not scroll.
  for (let top = viewport.height; top < height; top += viewport.height) {
    await page.evaluate((y) => window.scrollTo(0, y), top);
    await page.waitForLoadState('networkidle');
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction(
    (limit) => [...document.images].every((image) => image.complete || image.getBoundingClientRect().top > limit),
    height,
  );
  const png = await page.screenshot({ fullPage: true, clip: { x: 0, y: 0, width: viewport.width, height }, animations: 'disabled', caret: 'hide' });
  return sharp(png).png({ palette: true, compressionLevel: 9 }).toBuffer();
}

/** Signs the page's context in through the API, once (the cookies then stay). */
async function signIn(page: Page): Promise<void> {
  const cookies = await page.context().cookies();
  if (cookies.length > 0) return;
  const response = await page.request.post('/api/auth/sign-in', { data: { email: DEMO_USER.email, password: DEMO_USER.password } });
  if (response.status() !== 200) throw new Error(`sign-in answered ${response.status()}: ${await response.text()}`);
}

async function main(): Promise<void> {
  assertNodeVersion();
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is expected at ${CHROMIUM}.`);
  try {
    prepareStandalone();
  } catch {
    throw new Error('No production build in .next/standalone: run `npm run build`, then `npm run screenshots` again.');
  }
  mkdirSync(OUT_DIR, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'todoer-screenshots-'));
  const stack = await startTestStack({ dataDir });
  try {
    const account = await createDemoAccount(stack.appUrl);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const written = await capture(browser, stack.appUrl, account);
      console.log(`${written.length} screenshots written:\n${written.join('\n')}`);
    } finally {
      await browser.close();
    }
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
