import { expect, test } from './fixtures';
import { expectReadyOffline } from './pages/offline';
import { createTasksThroughApi, TasksPage } from './pages/tasks-page';

test('the app is installable: a valid manifest linked from every page, a service worker that controls it', async ({ signedInPage: page }) => {
  for (const path of ['/', '/sign-in', '/activity']) {
    await page.goto(path);
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  }
  const response = await page.request.get('/manifest.webmanifest');
  expect(response.status()).toBe(200);
  const manifest = (await response.json()) as {
    name: string;
    short_name: string;
    start_url: string;
    display: string;
    icons: { src: string; sizes: string; purpose?: string }[];
  };
  // What Chrome's installability check (and Lighthouse's) requires of the manifest.
  expect(manifest.name).toBe('Todoer');
  expect(manifest.short_name).toBe('Todoer');
  expect(manifest.start_url).toBe('/');
  expect(['standalone', 'fullscreen', 'minimal-ui']).toContain(manifest.display);
  expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(manifest.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
  for (const icon of manifest.icons) expect((await page.request.get(icon.src)).status(), icon.src).toBe(200);

  await page.goto('/');
  await expectReadyOffline(page);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope);
  expect(scope).toBe(new URL('/', page.url()).href);
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(new URL('/sw.js', page.url()).href);
});

test('after one visit the app opens offline with the last synced lists and tasks', async ({ signedInPage: page }) => {
  await createTasksThroughApi(page.request, [{ title: 'Water the plants' }]);
  const tasks = new TasksPage(page);
  await tasks.goto();
  await expect(tasks.task('Water the plants')).toBeVisible();
  await expectReadyOffline(page);
  // A change that reaches this device only through sync (after the page was cached).
  await createTasksThroughApi(page.request, [{ title: 'Feed the cat' }]);
  await expect(tasks.task('Feed the cat')).toBeVisible({ timeout: 5000 });

  await page.context().setOffline(true);
  await page.reload();
  await expect(tasks.heading).toBeVisible();
  await expect(tasks.task('Water the plants')).toBeVisible();
  await expect(tasks.task('Feed the cat')).toBeVisible();
  await expect(page.getByRole('banner').getByRole('status')).toHaveText('Offline');
  await page.context().setOffline(false);
});
