import { expect, expectAccessibleAndFitting, test } from './fixtures';
import { openSecondDevice } from './pages/live';
import { addTaskOffline, expectReadyOffline, offlineBanner, renameOffline, serverTasks } from './pages/offline';
import { createTasksThroughApi, TasksPage } from './pages/tasks-page';

// This spec is the one that needs the service worker (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

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
  // Every load once the worker is active is its own.
  await page.reload();
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

test('changes made offline are kept across a reload and reach the server once when back online', async ({ signedInPage: page }) => {
  await createTasksThroughApi(page.request, [{ title: 'Draft the report' }, { title: 'Return the books' }]);
  const tasks = new TasksPage(page);
  await tasks.goto();
  await expectReadyOffline(page);

  await page.context().setOffline(true);
  await addTaskOffline(tasks, 'Made on the train');
  await renameOffline(tasks, 'Draft the report', 'Draft the annual report');
  await tasks.checkbox('Return the books').click();
  await expect(tasks.task('Return the books')).toHaveCount(0);
  await expect(offlineBanner(page)).toHaveText('You are offline. 3 changes wait to be sent when you are back online.');
  await expectAccessibleAndFitting(page);

  // Kept across a reload, still offline: the page comes from the service worker, the changes from IndexedDB.
  await page.reload();
  await expect(tasks.task('Made on the train')).toBeVisible();
  await expect(tasks.task('Draft the annual report')).toBeVisible();
  await expect(tasks.task('Return the books')).toHaveCount(0);
  await expect(offlineBanner(page)).toContainText('3 changes wait');
  // Made offline, the new task can be edited offline too (the edit follows it to the server).
  await renameOffline(tasks, 'Made on the train', 'Made on the train, edited');

  await page.context().setOffline(false);
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: /change/ })).toHaveCount(0, { timeout: 15_000 });
  await expect
    .poll(async () => (await serverTasks(page.request)).map(({ title, completed }) => `${title}:${completed}`).sort())
    .toEqual(['Draft the annual report:false', 'Made on the train, edited:false', 'Return the books:true']);
  await expect(tasks.task('Made on the train, edited')).toBeVisible();
});

test('a conflict on the same field asks the person, and the chosen value wins', async ({ signedInPage: laptop, user, browser }) => {
  const [task] = await createTasksThroughApi(laptop.request, [{ title: 'Plan the party', priority: 'low' }]);
  const laptopTasks = new TasksPage(laptop);
  await laptopTasks.goto();
  await expectReadyOffline(laptop);

  await laptop.context().setOffline(true);
  await renameOffline(laptopTasks, 'Plan the party', 'Plan the garden party');

  // Meanwhile another device changes the same field, and another one.
  const phone = await openSecondDevice(laptop, browser, user);
  const phoneTasks = new TasksPage(phone);
  await phoneTasks.editTask('Plan the party', { title: 'Plan the birthday party', priority: 'High' });

  await laptop.context().setOffline(false);
  const dialog = laptop.getByRole('dialog', { name: 'This task was changed on another device' });
  await expect(dialog).toBeVisible({ timeout: 15_000 });
  await expect(dialog.getByRole('group', { name: 'Title' })).toBeVisible();
  await expect(dialog.getByRole('group')).toHaveCount(1);
  await expectAccessibleAndFitting(laptop);
  await laptop.emulateMedia({ colorScheme: 'dark' });
  await expectAccessibleAndFitting(laptop);
  await laptop.emulateMedia({ colorScheme: 'light' });

  await dialog.getByRole('radio', { name: 'Mine: Plan the garden party' }).check();
  await dialog.getByRole('button', { name: 'Keep these values' }).click();
  await expect(dialog).toBeHidden();

  // The chosen title wins; the other device's priority, which did not conflict, stays.
  await expect
    .poll(async () => {
      const saved = (await serverTasks(laptop.request)).find(({ id }) => id === task!.id);
      return saved && `${saved.title}:${saved.priority}`;
    })
    .toBe('Plan the garden party:high');
  await expect(laptopTasks.task('Plan the garden party')).toBeVisible();
  await expect(phoneTasks.task('Plan the garden party')).toBeVisible({ timeout: 5000 });
  await phone.context().close();
});
