import type { Page } from '@playwright/test';
import { expect, expectAccessibleAndFitting, test } from './fixtures';
import { localDate, useBrowserTimeZone } from './dates';
import { ShortcutsHelp } from './pages/shortcuts';
import { createTasksThroughApi } from './pages/tasks-page';

/** "Wed 9 Dec" for a YYYY-MM-DD, as the Upcoming headings say it. */
function dayHeading(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

function group(page: Page, heading: string) {
  return page.getByRole('region', { name: heading, exact: true });
}

/** The task's creation, answered: a page left before it would cancel it. */
function created(page: Page) {
  return page.waitForResponse((response) => response.url().endsWith('/api/tasks') && response.request().method() === 'POST' && response.status() === 201);
}

async function blur(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

function row(page: Page, title: string) {
  return page.getByRole('listitem', { name: title, exact: true });
}

test.describe('today, upcoming and quick add', () => {
  test.beforeEach(async ({ signedInPage: page }) => {
    await useBrowserTimeZone(page);
  });

  test('quick add shows what it understood and creates the task', async ({ signedInPage: page }) => {
    await page.goto('/today');
    const input = page.getByRole('textbox', { name: 'Quick add' });
    await input.fill('Buy milk tomorrow 5pm +errands !1');
    const chips = page.getByRole('list', { name: 'Understood' });
    await expect(chips.getByRole('listitem')).toHaveText([/Tomorrow 17:00/, /\+errands/, /High/]);
    const [response] = await Promise.all([created(page), input.press('Enter')]);
    expect(response.request().postDataJSON()).toMatchObject({ title: 'Buy milk', dueTime: '17:00', priority: 'high', tags: ['errands'] });
    await expect(input).toHaveValue('');
    await expect(input).toBeFocused();
    await expect(page.getByRole('status').filter({ hasText: 'Added “Buy milk”.' })).toBeVisible();

    // Due tomorrow: not Today's, but Upcoming's, under Tomorrow.
    await page.goto('/upcoming');
    const task = group(page, 'Tomorrow').getByRole('listitem', { name: 'Buy milk', exact: true });
    await expect(task).toContainText('17:00');
    await expect(task).toContainText('+errands');
    await expect(task).toContainText('High priority');
    await expect(task).toContainText('Inbox');
    // The heading names the day: the row shows the time alone, not the date again.
    await expect(task.locator('time')).toHaveAttribute('dateTime', `${await localDate(page, 1)}T17:00`);
    await expect(task).not.toContainText('Due');
  });

  test('a dropped part stays in the title; a list that does not exist goes to the Inbox', async ({ signedInPage: page }) => {
    await page.goto('/today');
    const input = page.getByRole('textbox', { name: 'Quick add' });
    await input.fill('Call mum today #Nowhere');
    await expect(page.getByText('No list “Nowhere” — Enter adds to Inbox')).toBeVisible();
    await page.getByRole('button', { name: 'Keep “today” in the title' }).click();
    await expect(page.getByRole('list', { name: 'Understood' }).getByRole('listitem')).toHaveText([/Nowhere/]);
    await expect(input).toBeFocused();
    await Promise.all([created(page), input.press('Enter')]);
    await page.goto('/');
    await expect(row(page, 'Call mum today')).toContainText('Inbox');
  });

  test('Today shows overdue then today; Upcoming shows the week by day', async ({ signedInPage: page }) => {
    const [yesterday, today, inFive, nextWeek] = [await localDate(page, -1), await localDate(page, 0), await localDate(page, 5), await localDate(page, 8)];
    await createTasksThroughApi(page.request, [
      { title: 'Pay rent', dueDate: yesterday },
      { title: 'Water plants', dueDate: today },
      { title: 'Book flights', dueDate: inFive },
      { title: 'Renew passport', dueDate: nextWeek },
      { title: 'Old chore', dueDate: yesterday, completed: true },
    ]);

    await page.goto('/today');
    await expect(page.getByRole('link', { name: 'Today', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText(['Overdue', 'Today']);
    await expect(group(page, 'Overdue').getByRole('listitem')).toHaveCount(1);
    await expect(group(page, 'Overdue').getByRole('listitem', { name: 'Pay rent' })).toBeVisible();
    // Overdue spans days: its rows keep their date.
    await expect(group(page, 'Overdue').getByRole('listitem', { name: 'Pay rent' }).locator('time')).toHaveAttribute('dateTime', yesterday);
    await expect(group(page, 'Today').getByRole('listitem', { name: 'Water plants' })).toBeVisible();
    await expect(row(page, 'Book flights')).toHaveCount(0);
    await expect(row(page, 'Old chore')).toHaveCount(0);

    // Completing from the view takes the task out of it.
    await group(page, 'Today').getByRole('checkbox', { name: 'Mark “Water plants” done' }).click();
    await expect(row(page, 'Water plants')).toHaveCount(0);

    await page.goto('/upcoming');
    await expect(page.getByRole('link', { name: 'Upcoming', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(group(page, dayHeading(inFive)).getByRole('listitem', { name: 'Book flights' })).toBeVisible();
    await expect(row(page, 'Renew passport')).toHaveCount(0);
    await expect(row(page, 'Pay rent')).toHaveCount(0);
  });

  test('Today and Upcoming come with their rows in the HTML, not after hydration', async ({ signedInPage: page }) => {
    await createTasksThroughApi(page.request, [{ title: 'Water plants', dueDate: await localDate(page, 0) }, { title: 'Book flights', dueDate: await localDate(page, 3) }]);
    for (const [path, titles] of [['/today', ['Water plants']], ['/upcoming', ['Water plants', 'Book flights']]] as const) {
      const html = await (await page.request.get(path)).text();
      for (const title of titles) expect(html, `${path} server-rendered`).toContain(`>${title}<`);
      expect(html).not.toContain('Loading tasks…');
      // A CSS-module class that does not exist would come out as the word "undefined".
      expect(html).not.toMatch(/class="[^"]*\bundefined\b/);
    }
  });

  test('whichever page opens first, it remembers the device’s time zone for the server', async ({ signedInPage: page }) => {
    const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    await page.context().clearCookies({ name: 'todoer-tz' });
    await page.goto('/today');
    await expect.poll(async () => (await page.context().cookies()).find((cookie) => cookie.name === 'todoer-tz')?.value).toBe(encodeURIComponent(zone));
  });

  test('empty Today says so; q focuses quick add, but not while typing', async ({ signedInPage: page }) => {
    await page.goto('/today');
    await expect(page.getByText('Nothing due today. Enjoy!')).toBeVisible();
    // Served HTML shows before the page listens for keys.
    await new ShortcutsHelp(page).waitUntilListening();
    const input = page.getByRole('textbox', { name: 'Quick add' });
    await blur(page);
    await page.keyboard.press('q');
    await expect(input).toBeFocused();
    await expect(input).toHaveValue('');

    await page.goto('/');
    await new ShortcutsHelp(page).waitUntilListening();
    await page.getByRole('searchbox', { name: 'Search tasks' }).fill('');
    await page.getByRole('searchbox', { name: 'Search tasks' }).press('q');
    await expect(page.getByRole('searchbox', { name: 'Search tasks' })).toHaveValue('q');
    await blur(page);
    await page.keyboard.press('q');
    await expect(page.getByRole('textbox', { name: 'Quick add' })).toBeFocused();
  });

  for (const width of [1280, 360]) {
    test(`Today and Upcoming with quick add chips are accessible at ${width} px`, async ({ signedInPage: page }) => {
      await page.setViewportSize({ width, height: 800 });
      await createTasksThroughApi(page.request, [
        { title: 'Pay rent', dueDate: await localDate(page, -1) },
        { title: 'Water plants', dueDate: await localDate(page, 0) },
        { title: 'Book flights', dueDate: await localDate(page, 3) },
      ]);
      await page.goto('/today');
      await page.getByRole('textbox', { name: 'Quick add' }).fill('Buy milk tomorrow 5pm +errands !1');
      await expect(page.getByRole('list', { name: 'Understood' }).getByRole('listitem')).toHaveCount(3);
      await expect(group(page, 'Overdue')).toBeVisible();
      await expectAccessibleAndFitting(page);
      await page.goto('/upcoming');
      await expect(group(page, 'Today')).toBeVisible();
      await expectAccessibleAndFitting(page);
    });
  }
});
