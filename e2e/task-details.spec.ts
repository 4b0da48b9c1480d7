import { expect, test } from './fixtures';
import { ShortcutsHelp } from './pages/shortcuts';
import { TasksPage } from './pages/tasks-page';

type ApiList = { readonly id: string; readonly inbox: boolean };
type ApiTask = { readonly id: string; readonly title: string; readonly position: string; readonly subtasks: readonly { title: string }[] };

async function inboxId(page: import('@playwright/test').Page): Promise<string> {
  const response = await page.request.get('/api/lists');
  expect(response.status()).toBe(200);
  const inbox = ((await response.json()) as { items: ApiList[] }).items.find((list) => list.inbox);
  expect(inbox, 'every account has an Inbox').toBeDefined();
  return inbox!.id;
}

/** Titles of a list's open tasks in manual order, read through the API. */
async function manualOrder(page: import('@playwright/test').Page, listId: string): Promise<string[]> {
  const response = await page.request.get(`/api/tasks?listId=${listId}&status=open&sort=manual`);
  return ((await response.json()) as { items: ApiTask[] }).items.map((task) => task.title);
}

test('a keyboard-only journey: quick add, j/k, Alt+arrows, x, details, a subtask, Escape back', async ({ signedInPage: page }) => {
  const tasks = new TasksPage(page);
  const listId = await inboxId(page);
  for (const title of ['First thing', 'Second thing']) {
    expect((await page.request.post('/api/tasks', { data: { title, listId } })).status()).toBe(201);
  }
  await page.goto(`/lists/${listId}`);
  await expect(tasks.openButton('Second thing')).toBeVisible();
  // The rows are in the served HTML, before the page listens for keys: wait for that, or `q` may be lost.
  await new ShortcutsHelp(page).waitUntilListening();

  await page.keyboard.press('q');
  await expect(tasks.quickAdd).toBeFocused();
  await page.keyboard.type('Call Ann tomorrow 5pm +calls');
  await expect(page.getByRole('list', { name: 'Understood' })).toContainText('+calls');
  const created = page.waitForResponse((response) => response.url().endsWith('/api/tasks') && response.request().method() === 'POST');
  await page.keyboard.press('Enter');
  expect((await created).status()).toBe(201);
  const row = tasks.task('Call Ann');
  await expect(row).toContainText('17:00');
  await expect(row).toContainText('+calls');
  await expect(tasks.items).toHaveText([/First thing/, /Second thing/, /Call Ann/]);
  // The row takes the server's answer a moment after the 201: until then it is the unsaved copy (not focusable).
  await expect(tasks.openButton('Call Ann')).toBeEnabled();

  // Out of the field, then j three times reaches the new task (the last row).
  await page.keyboard.press('Tab');
  for (let press = 0; press < 3; press += 1) await page.keyboard.press('j');
  await expect(tasks.openButton('Call Ann')).toBeFocused();
  await page.keyboard.press('k');
  await expect(tasks.openButton('Second thing')).toBeFocused();
  await page.keyboard.press('j');

  const movedUp = page.waitForResponse((response) => response.request().method() === 'PATCH');
  await page.keyboard.press('Alt+ArrowUp');
  expect((await movedUp).status()).toBe(200);
  await expect(tasks.items).toHaveText([/First thing/, /Call Ann/, /Second thing/]);
  await expect(tasks.openButton('Call Ann')).toBeFocused();

  const movedDown = page.waitForResponse((response) => response.request().method() === 'PATCH');
  await page.keyboard.press('Alt+ArrowDown');
  expect((await movedDown).status()).toBe(200);
  await expect(tasks.items).toHaveText([/First thing/, /Second thing/, /Call Ann/]);
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => manualOrder(page, listId)).toEqual(['First thing', 'Call Ann', 'Second thing']);
  await page.reload();
  await expect(tasks.items).toHaveText([/First thing/, /Call Ann/, /Second thing/]);
  // Server-rendered rows show before the page listens for keys: a key pressed then would be lost.
  await new ShortcutsHelp(page).waitUntilListening();

  await tasks.openButton('Call Ann').focus();
  const completed = page.waitForResponse((response) => response.request().method() === 'PATCH');
  await page.keyboard.press('x');
  expect((await completed).status()).toBe(200);
  await expect(tasks.items).toHaveText([/First thing/, /Second thing/]);
  // Focus went to the task that took its place.
  await expect(tasks.openButton('Second thing')).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(tasks.panel).toBeVisible();
  const newSubtask = tasks.panel.getByRole('textbox', { name: 'New subtask' });
  await tasks.tabTo(newSubtask);
  await page.keyboard.type('Find the number');
  const saved = page.waitForResponse((response) => response.request().method() === 'PATCH');
  await page.keyboard.press('Enter');
  expect((await saved).status()).toBe(200);
  await expect(tasks.panel.getByRole('list', { name: 'Subtasks' }).getByRole('listitem')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(tasks.panel).toBeHidden();
  await expect(tasks.openButton('Second thing')).toBeFocused();
  await expect(tasks.task('Second thing')).toContainText('0/1');
});

test('subtasks: add, complete, rename, reorder and delete, with progress', async ({ signedInPage: page }) => {
  const tasks = new TasksPage(page);
  await tasks.quickAdd.fill('Pack for the trip');
  await tasks.quickAdd.press('Enter');
  await tasks.openDetails('Pack for the trip');
  const subtasks = tasks.panel.getByRole('list', { name: 'Subtasks' }).getByRole('listitem');
  const newSubtask = tasks.panel.getByRole('textbox', { name: 'New subtask' });
  for (const title of ['Passport', 'Charger', 'Socks']) {
    const saved = page.waitForResponse((response) => response.request().method() === 'PATCH' && response.status() === 200);
    await newSubtask.fill(title);
    await newSubtask.press('Enter');
    await saved;
  }
  const titles = () => subtasks.getByRole('textbox').evaluateAll((fields) => fields.map((field) => (field as HTMLInputElement).value));
  await expect.poll(titles).toEqual(['Passport', 'Charger', 'Socks']);

  await tasks.panel.getByRole('checkbox', { name: 'Complete subtask “Passport”' }).click();
  await expect(tasks.panel.getByRole('checkbox', { name: 'Complete subtask “Passport”' })).toBeChecked();
  await expect(tasks.panel.getByRole('heading', { name: /Subtasks/ })).toContainText('1/3');

  await tasks.panel.getByRole('button', { name: 'Move “Socks” up' }).click();
  await expect.poll(titles).toEqual(['Passport', 'Socks', 'Charger']);
  const socks = subtasks.getByRole('textbox').nth(1);
  await socks.focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(titles).toEqual(['Socks', 'Passport', 'Charger']);

  await subtasks.getByRole('textbox').nth(2).fill('Phone charger');
  await subtasks.getByRole('textbox').nth(2).press('Enter');
  await tasks.panel.getByRole('button', { name: 'Delete subtask “Passport”' }).click();
  await expect.poll(titles).toEqual(['Socks', 'Phone charger']);

  await expect.poll(async () => {
    const response = await page.request.get('/api/tasks?limit=10');
    const [task] = ((await response.json()) as { items: ApiTask[] }).items;
    return task?.subtasks.map((subtask) => subtask.title);
  }).toEqual(['Socks', 'Phone charger']);
  await tasks.closeDetails();
  await expect(tasks.task('Pack for the trip')).toContainText('0/2');
});

test('tags: chips filter by tag; a tag is renamed and deleted across tasks', async ({ signedInPage: page }) => {
  const tasks = new TasksPage(page);
  for (const [title, tags] of [['Call Ann', ['calls']], ['Call Bob', ['calls', 'work']], ['Write report', ['work']]] as const) {
    expect((await page.request.post('/api/tasks', { data: { title, tags } })).status()).toBe(201);
  }
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Lists' }).getByRole('link', { name: /calls/ })).toContainText('2');

  await tasks.task('Call Ann').getByRole('link', { name: 'Tag +calls' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '+calls' })).toBeVisible();
  const sidebar = page.getByRole('navigation', { name: 'Lists' });
  await expect(sidebar.getByRole('link', { name: /calls/ })).toHaveAttribute('aria-current', 'page');
  await expect(sidebar.getByRole('link', { name: 'All tasks', exact: true })).not.toHaveAttribute('aria-current', 'page');
  await expect(tasks.items).toHaveCount(2);
  await expect(tasks.task('Write report')).toHaveCount(0);

  await page.getByRole('button', { name: 'Rename tag' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rename “calls”' });
  await dialog.getByLabel('New name').fill('phone');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '+phone' })).toBeVisible();
  await expect.poll(() => new URL(page.url()).searchParams.get('tag')).toBe('phone');
  await expect(tasks.items).toHaveCount(2);
  await expect(tasks.task('Call Bob')).toContainText('+phone');

  await page.getByRole('button', { name: 'Delete tag' }).click();
  await page.getByRole('dialog', { name: 'Delete the tag “phone”?' }).getByRole('button', { name: 'Delete tag' }).click();
  await expect.poll(() => new URL(page.url()).pathname).toBe('/');
  await expect(tasks.task('Call Bob')).not.toContainText('+phone');
  await expect(tasks.task('Call Bob')).toContainText('+work');
});

test('drag and drop reorders a list in manual order, and the order persists', async ({ signedInPage: page }) => {
  const tasks = new TasksPage(page);
  const listId = await inboxId(page);
  for (const title of ['First thing', 'Second thing', 'Third thing']) {
    expect((await page.request.post('/api/tasks', { data: { title, listId } })).status()).toBe(201);
  }
  await page.goto(`/lists/${listId}`);
  await expect(tasks.items).toHaveText([/First thing/, /Second thing/, /Third thing/]);

  // Reaching a handle loads the drag and drop code.
  const handle = tasks.task('Third thing').getByTitle('Drag to reorder');
  await tasks.task('Third thing').hover();
  await handle.hover();
  await expect(tasks.task('Third thing')).toHaveAttribute('data-sortable', '');

  const from = await handle.boundingBox();
  const target = await tasks.task('First thing').boundingBox();
  expect(from && target, 'rows are laid out').toBeTruthy();
  const moved = page.waitForResponse((response) => response.request().method() === 'PATCH');
  await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
  await page.mouse.down();
  for (let step = 1; step <= 10; step += 1) {
    await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2 + ((target!.y + 4 - from!.y - from!.height / 2) * step) / 10);
  }
  await page.mouse.up();
  const response = await moved;
  expect(response.status()).toBe(200);
  expect(Object.keys(response.request().postDataJSON() as object)).toEqual(['position']);
  await expect(tasks.items).toHaveText([/Third thing/, /First thing/, /Second thing/]);

  await page.reload();
  await expect(tasks.items).toHaveText([/Third thing/, /First thing/, /Second thing/]);
});
