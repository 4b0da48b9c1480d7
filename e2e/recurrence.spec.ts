import type { Locator, Page } from '@playwright/test';
import { localDate, useBrowserTimeZone } from './dates';
import { expect, expectAccessibleAndFitting, test } from './fixtures';
import { ShortcutsHelp } from './pages/shortcuts';
import { createTasksThroughApi, TasksPage } from './pages/tasks-page';

/** Recurring tasks in the UI (SPEC §6.2): quick add, the row's repeat mark, the panel's Repeat field, completing with undo. */

/** Days from the browser's today to the next Monday, today included. */
async function daysToMonday(page: Page): Promise<number> {
  return page.evaluate(() => (8 - new Date().getDay()) % 7);
}

function weekdayName(date: string): string {
  return new Intl.DateTimeFormat('en-US', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** The row says it is due on `date` (today's rows say "Due today" instead of the date). */
async function expectDue(row: Locator, date: string, today: string): Promise<void> {
  if (date === today) await expect(row).toContainText('Due today');
  else await expect(row.locator(`time[datetime="${date}"]`)).toBeVisible();
}

function answered(page: Page, method: string, path: RegExp) {
  return page.waitForResponse((response) => response.request().method() === method && path.test(new URL(response.url()).pathname));
}

test.beforeEach(async ({ signedInPage: page }) => {
  await useBrowserTimeZone(page);
});

test('quick add "every monday" makes a task due next Monday that repeats; completing moves it a week and Undo puts it back', async ({ signedInPage: page }) => {
  const tasks = new TasksPage(page);
  const today = await localDate(page, 0);
  const monday = await localDate(page, await daysToMonday(page));
  const weekLater = await localDate(page, (await daysToMonday(page)) + 7);

  await tasks.quickAdd.fill('Water plants every monday');
  const chips = page.getByRole('list', { name: 'Understood' });
  await expect(chips.getByRole('listitem')).toHaveText([/Every Monday/]);
  const [create] = await Promise.all([answered(page, 'POST', /^\/api\/tasks$/), tasks.quickAdd.press('Enter')]);
  expect(create.status()).toBe(201);
  expect(create.request().postDataJSON()).toMatchObject({ title: 'Water plants', dueDate: monday, recurrence: { rule: 'FREQ=WEEKLY;BYDAY=MO', from: 'due' } });

  const row = tasks.task('Water plants');
  await expect(row.getByRole('img', { name: 'Repeats: Every Monday' })).toBeVisible();
  await expect(row.getByRole('img', { name: 'Repeats: Every Monday' })).toHaveAttribute('title', 'Every Monday');
  await expectDue(row, monday, today);

  const [completion] = await Promise.all([answered(page, 'PATCH', /^\/api\/tasks\/[^/]+$/), tasks.checkbox('Water plants').click()]);
  expect(completion.status()).toBe(200);
  const completed = (await completion.json()) as { version: number; dueDate: string };
  expect(completed.dueDate).toBe(weekLater);
  // The row stays, open, due a week later.
  await expectDue(row, weekLater, today);
  await expect(tasks.checkbox('Water plants')).not.toBeChecked();
  const nextText = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${weekLater}T00:00:00Z`));
  await expect(tasks.notifications).toContainText(`Next: ${nextText}`);

  const [undo] = await Promise.all([answered(page, 'PATCH', /^\/api\/tasks\/[^/]+$/), tasks.undoButton.click()]);
  expect(undo.status()).toBe(200);
  expect(undo.request().postDataJSON()).toEqual({ dueDate: monday, recurrence: { rule: 'FREQ=WEEKLY;BYDAY=MO', from: 'due' } });
  expect(undo.request().headers()['if-match']).toBe(`"${completed.version}"`);
  await expectDue(row, monday, today);
  await page.reload();
  await expectDue(tasks.task('Water plants'), monday, today);
});

test('dropping the repeat chip keeps the words in the title and makes a plain task', async ({ signedInPage: page }) => {
  const tasks = new TasksPage(page);
  await tasks.quickAdd.fill('Water plants every monday');
  await expect(page.getByRole('list', { name: 'Understood' }).getByRole('listitem')).toHaveText([/Every Monday/]);
  await page.getByRole('button', { name: 'Keep “every monday” in the title' }).click();
  await expect(page.getByRole('list', { name: 'Understood' })).toBeHidden();
  await expect(tasks.quickAdd).toBeFocused();
  const [create] = await Promise.all([answered(page, 'POST', /^\/api\/tasks$/), tasks.quickAdd.press('Enter')]);
  expect(create.status()).toBe(201);
  const body = create.request().postDataJSON() as Record<string, unknown>;
  expect(body).toMatchObject({ title: 'Water plants every monday', dueDate: null });
  expect(body.recurrence).toBeUndefined();
  const row = tasks.task('Water plants every monday');
  await expect(tasks.openButton('Water plants every monday')).toBeEnabled();
  await expect(row.getByRole('img', { name: /^Repeats/ })).toHaveCount(0);
});

test('the panel sets "Every day", skips an occurrence and stops repeating; a custom rule is said in words', async ({ signedInPage: page }) => {
  const tasks = new TasksPage(page);
  const [today, tomorrow] = [await localDate(page, 0), await localDate(page, 1)];
  await createTasksThroughApi(page.request, [{ title: 'Stretch', dueDate: today }, { title: 'Someday' }]);
  await page.reload();

  // No due date: the picker is off and says why.
  await tasks.openDetails('Someday');
  await expect(tasks.panelField('Repeat')).toBeDisabled();
  await expect(tasks.panel).toContainText('Set a due date to make this task repeat.');
  await tasks.closeDetails();

  await tasks.openDetails('Stretch');
  const repeat = tasks.panelField('Repeat');
  await expect(repeat).toHaveValue('none');
  const [set] = await Promise.all([answered(page, 'PATCH', /^\/api\/tasks\/[^/]+$/), repeat.selectOption({ label: 'Every day' })]);
  expect(set.status()).toBe(200);
  expect(set.request().postDataJSON()).toEqual({ recurrence: { rule: 'FREQ=DAILY', from: 'due' } });
  expect(set.request().headers()['if-match']).toMatch(/^"\d+"$/);
  await expect(tasks.panel.getByRole('option', { name: `Every week on ${weekdayName(today)}` })).toBeAttached();

  const [skip] = await Promise.all([answered(page, 'POST', /\/skip$/), tasks.panel.getByRole('button', { name: 'Skip this occurrence' }).click()]);
  expect(skip.status()).toBe(200);
  await expect(tasks.panelField('Due date')).toHaveValue(tomorrow);

  // Custom: every 2 weeks on the due weekday, counted from completion.
  await repeat.selectOption({ label: 'Custom…' });
  const custom = tasks.panel.getByRole('group', { name: 'Custom repeat' });
  await custom.getByLabel('Every', { exact: true }).fill('2');
  await custom.getByLabel('Unit').selectOption('WEEKLY');
  await custom.getByRole('radio', { name: 'Completion' }).check();
  const words = `Every 2 weeks on ${weekdayName(tomorrow)} after completion`;
  await expect(custom).toContainText(words);
  const [saveCustom] = await Promise.all([answered(page, 'PATCH', /^\/api\/tasks\/[^/]+$/), custom.getByRole('button', { name: 'Save repeat' }).click()]);
  expect(saveCustom.status()).toBe(200);
  expect(saveCustom.request().postDataJSON()).toMatchObject({ recurrence: { from: 'completion' } });
  await expect(repeat).toHaveValue('custom');
  await expect(tasks.panel).toContainText(words);
  await tasks.closeDetails();
  await expect(tasks.task('Stretch').getByRole('img', { name: `Repeats: ${words}` })).toBeVisible();

  // A saved custom rule opens again in the editor, as it was.
  await tasks.openDetails('Stretch');
  await tasks.panel.getByRole('button', { name: 'Edit rule' }).click();
  await expect(custom.getByLabel('Every', { exact: true })).toHaveValue('2');
  await expect(custom.getByRole('radio', { name: 'Completion' })).toBeChecked();
  await custom.getByRole('button', { name: 'Cancel' }).click();
  await expect(custom).toBeHidden();
  await tasks.closeDetails();

  // Back to every day, seen on the row.
  await tasks.openDetails('Stretch');
  await Promise.all([answered(page, 'PATCH', /^\/api\/tasks\/[^/]+$/), repeat.selectOption({ label: 'Every day' })]);
  await tasks.closeDetails();
  await expect(tasks.task('Stretch').getByRole('img', { name: 'Repeats: Every day' })).toBeVisible();

  await tasks.openDetails('Stretch');
  const [stop] = await Promise.all([answered(page, 'PATCH', /^\/api\/tasks\/[^/]+$/), tasks.panel.getByRole('button', { name: 'Stop repeating' }).click()]);
  expect(stop.status()).toBe(200);
  expect(stop.request().postDataJSON()).toEqual({ recurrence: null });
  await expect(repeat).toHaveValue('none');
  await expect(tasks.panel.getByRole('button', { name: 'Skip this occurrence' })).toHaveCount(0);
  await tasks.closeDetails();
  await page.reload();
  await expect(tasks.task('Stretch').getByRole('img', { name: /^Repeats/ })).toHaveCount(0);
  await expectDue(tasks.task('Stretch'), tomorrow, today);
});

test('the last occurrence of a series completes the task with `x`; Undo reopens it', async ({ signedInPage: page }) => {
  const tasks = new TasksPage(page);
  const today = await localDate(page, 0);
  await createTasksThroughApi(page.request, [{ title: 'Final payment', dueDate: today, recurrence: { rule: 'FREQ=MONTHLY;COUNT=1', from: 'due' } }]);
  await page.reload();
  // The row is in the served HTML before the list listens for `x`.
  await new ShortcutsHelp(page).waitUntilListening();
  await tasks.openButton('Final payment').focus();
  const [completion] = await Promise.all([answered(page, 'PATCH', /^\/api\/tasks\/[^/]+$/), page.keyboard.press('x')]);
  expect(completion.status()).toBe(200);
  expect(((await completion.json()) as { completed: boolean }).completed).toBe(true);
  await expect(tasks.notifications).toContainText('the last of its series');
  await expect(tasks.list.getByRole('listitem', { name: 'Final payment' })).toHaveCount(0);
  const [undo] = await Promise.all([answered(page, 'PATCH', /^\/api\/tasks\/[^/]+$/), tasks.undoButton.click()]);
  expect(undo.request().postDataJSON()).toEqual({ completed: false });
  await expect(tasks.openButton('Final payment')).toBeVisible();
});

for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [1280, 360]) {
    test(`quick add chip, row and the open repeat editor pass axe at ${width} px, ${colorScheme}`, async ({ signedInPage: page }, testInfo) => {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width, height: 800 });
      const tasks = new TasksPage(page);
      const today = await localDate(page, 0);
      await createTasksThroughApi(page.request, [{ title: 'Gym', dueDate: today, recurrence: { rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', from: 'completion' } }]);
      await page.reload();
      await tasks.quickAdd.fill('Pay rent every month on the 1st');
      await expect(page.getByRole('list', { name: 'Understood' })).toContainText('Every month on the 1st');
      await expect(tasks.task('Gym').getByRole('img', { name: 'Repeats: Every 2 weeks on Monday and Thursday after completion' })).toBeVisible();
      await expectAccessibleAndFitting(page);
      await page.screenshot({ path: testInfo.outputPath(`list-${width}-${colorScheme}.png`) });
      await tasks.openDetails('Gym');
      await tasks.panelField('Repeat').selectOption({ label: 'Custom…' });
      await expect(tasks.panel.getByRole('group', { name: 'Custom repeat' })).toBeVisible();
      await expectAccessibleAndFitting(page);
      await tasks.panel.getByRole('group', { name: 'Custom repeat' }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: testInfo.outputPath(`panel-${width}-${colorScheme}.png`) });
      await tasks.closeDetails();
      await tasks.checkbox('Gym').click();
      await expect(tasks.undoButton).toBeVisible();
      await expectAccessibleAndFitting(page);
      await page.screenshot({ path: testInfo.outputPath(`toast-${width}-${colorScheme}.png`) });
    });
  }
}
