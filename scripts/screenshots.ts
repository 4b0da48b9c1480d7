/**
 * The screenshot set of the main task views (docs/screenshots/): the built standalone app on the
 * emulators, one seeded account, each view at 1280 and 360 px in light and dark.
 *   npm run build && node --import tsx scripts/screenshots.ts [outDir]
 * SCREENSHOTS_APP_URL=<url> uses an app that is already running instead of starting one.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type APIRequestContext, type Page } from '@playwright/test';
import { prepareStandalone, ROOT, startTestStack } from './stack';

const CODE = '123456';
const USER = { email: `screenshots-${Date.now()}@example.test`, password: 'Todoer-Screens-Aa1', name: 'Sam Example' };

function isoDay(offset: number): string {
  const day = new Date();
  day.setDate(day.getDate() + offset);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}

async function post(request: APIRequestContext, url: string, data: unknown): Promise<Record<string, unknown>> {
  const response = await request.post(url, { data });
  if (!response.ok()) throw new Error(`${url} answered ${response.status()}: ${await response.text()}`);
  return response.status() === 204 ? {} : ((await response.json()) as Record<string, unknown>);
}

/** A week that looks lived in: two lists, due dates and times, tags, subtasks and a done task. */
async function seed(request: APIRequestContext): Promise<string> {
  await post(request, '/api/auth/sign-up', USER);
  await post(request, '/api/auth/confirm', { email: USER.email, code: CODE });
  await post(request, '/api/auth/sign-in', { email: USER.email, password: USER.password });
  const work = await post(request, '/api/lists', { name: 'Work', color: '#3645b0' });
  const home = await post(request, '/api/lists', { name: 'Home', color: '#05603a' });
  const tasks = [
    { title: 'Send the quarterly report', listId: work.id, dueDate: isoDay(-1), priority: 'high', tags: ['finance'] },
    { title: 'Call Ann about the venue', listId: work.id, dueDate: isoDay(0), dueTime: '17:00', tags: ['calls'] },
    { title: 'Plan the team offsite', listId: work.id, dueDate: isoDay(3), subtasks: [{ title: 'Pick a date', completed: true }, { title: 'Book rooms' }, { title: 'Send invites' }] },
    { title: 'Buy milk and bread', listId: home.id, dueDate: isoDay(1), tags: ['errands'] },
    { title: 'Water the plants', listId: home.id, priority: 'low' },
    { title: 'Renew the passport', dueDate: isoDay(5), description: 'Photos first, then the form.' },
  ];
  let firstId = '';
  for (const task of tasks) {
    const created = await post(request, '/api/tasks', task);
    firstId ||= String(created.id);
  }
  const done = await post(request, '/api/tasks', { title: 'Pay the electricity bill', listId: home.id });
  const patched = await request.patch(`/api/tasks/${String(done.id)}`, { data: { completed: true } });
  if (!patched.ok()) throw new Error(`complete answered ${patched.status()}`);
  return String(work.id);
}

async function shoot(page: Page, outDir: string, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: false });
}

async function main(): Promise<void> {
  const outDir = path.resolve(process.argv[2] ?? path.join(ROOT, 'docs', 'screenshots'));
  mkdirSync(outDir, { recursive: true });
  const running = process.env.SCREENSHOTS_APP_URL;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'todoer-shots-'));
  if (!running) prepareStandalone();
  const stack = running ? { appUrl: running, stop: async () => undefined } : await startTestStack({ dataDir });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    // Browsers send Origin on unsafe requests and the API insists on it; API requests from here must too.
    const seedContext = await browser.newContext({ baseURL: stack.appUrl, extraHTTPHeaders: { Origin: new URL(stack.appUrl).origin } });
    const workId = await seed(seedContext.request);
    const state = await seedContext.storageState();
    await seedContext.close();
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [1280, 360]) {
        const context = await browser.newContext({ baseURL: stack.appUrl, storageState: state, colorScheme, viewport: { width, height: width > 640 ? 800 : 740 } });
        const page = await context.newPage();
        const suffix = `${width}-${colorScheme}`;
        for (const [name, url] of [['all', '/'], ['today', '/today'], ['upcoming', '/upcoming'], ['list', `/lists/${workId}`], ['tag', '/?tag=calls']] as const) {
          await page.goto(url);
          await shoot(page, outDir, `${name}-${suffix}`);
        }
        await page.goto(`/lists/${workId}`);
        await page.getByRole('button', { name: 'Plan the team offsite', exact: true }).click();
        await page.getByRole('dialog', { name: 'Task details' }).waitFor();
        await shoot(page, outDir, `details-${suffix}`);
        await context.close();
      }
    }
    console.log(`screenshots in ${outDir}`);
  } finally {
    await browser.close();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
