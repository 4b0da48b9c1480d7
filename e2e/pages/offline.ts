import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { PAGE_MATCH_OPTIONS, PAGES_CACHE } from '../../lib/pwa/caches';
import type { TasksPage } from './tasks-page';

/**
 * Waits until the service worker is active and holds a copy of the page: the next load opens offline.
 * The page itself may stay uncontrolled: one whose navigation began while the worker was still
 * installing is not always claimed by it (seen about 1 run in 10 on a busy machine), and needs none.
 */
export async function expectReadyOffline(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(
          async ({ cacheName, options }) =>
            (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated' &&
            (await (await caches.open(cacheName)).match(window.location.href, options)) !== undefined,
          { cacheName: PAGES_CACHE, options: PAGE_MATCH_OPTIONS },
        ),
      { message: 'the service worker is active and has cached the page', timeout: 15_000 },
    )
    .toBe(true);
}

/** The banner that says the device is offline and how many changes wait. */
export function offlineBanner(page: Page) {
  return page.getByRole('main').getByRole('status').filter({ hasText: /offline/i });
}

/** Adds a task through the full form without waiting for the server (there is none to answer). */
export async function addTaskOffline(tasks: TasksPage, title: string): Promise<void> {
  if (!(await tasks.addForm.isVisible())) await tasks.moreOptions.click();
  await tasks.titleInput.fill(title);
  await tasks.addButton.click();
  await expect(tasks.task(title)).toBeVisible();
}

/** Renames a task in the details panel without waiting for the server. */
export async function renameOffline(tasks: TasksPage, title: string, next: string): Promise<void> {
  await tasks.openDetails(title);
  await tasks.panelField('Title').fill(next);
  await tasks.panelField('Title').press('Enter');
  await tasks.closeDetails();
  await expect(tasks.task(next)).toBeVisible();
}

export type ServerTask = { readonly id: string; readonly title: string; readonly completed: boolean; readonly priority: string; readonly version: number };

/** Every task of the signed-in person as the server holds it (open and done). */
export async function serverTasks(request: APIRequestContext): Promise<ServerTask[]> {
  const response = await request.get('/api/tasks?status=all&limit=100');
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: ServerTask[] }).items;
}
