import { expect, expectAccessibleAndFitting, pathIs, test } from './fixtures';
import { TasksPage } from './pages/tasks-page';

/**
 * The activity log in the browser: changes travel API → topic → queue → worker → activity table and
 * show up in the panels while they are open, without a reload.
 */
test.describe('activity', () => {
  test('completing a task shows it in the activity of its details panel', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    await tasks.addTask({ title: 'Buy milk' });

    await tasks.openDetails('Buy milk');
    const panel = tasks.panel.getByRole('region', { name: 'Activity of “Buy milk”', exact: true });
    await expect(panel.getByRole('listitem')).toHaveText([/Created “Buy milk”/]);
    await expect(panel.getByRole('listitem').first()).toContainText('just now');

    const saved = page.waitForResponse((response) => response.request().method() === 'PATCH');
    const done = tasks.panel.getByRole('checkbox', { name: 'Mark “Buy milk” done' });
    await done.click();
    expect((await saved).status()).toBe(200);
    await expect(done).toBeChecked();
    await expect(panel.getByRole('listitem')).toHaveText([/Completed “Buy milk”/, /Created “Buy milk”/]);
    await expectAccessibleAndFitting(page);
  });

  test('the account’s Activity page lists changes to every task, newest first', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    await tasks.addTask({ title: 'Call the plumber' });
    await tasks.addTask({ title: 'Pay rent' });
    await tasks.toggle('Pay rent');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
    await expect(page).toHaveURL(pathIs('/activity'));
    await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible();
    await expect(page.getByRole('main').getByRole('listitem')).toHaveText([
      /Completed “Pay rent”/,
      /Created “Pay rent”/,
      /Created “Call the plumber”/,
    ]);
    await expectAccessibleAndFitting(page);
    await page.setViewportSize({ width: 360, height: 740 });
    await expectAccessibleAndFitting(page);
  });

  test('a new account sees an empty log that says what will appear', async ({ signedInPage: page }) => {
    await page.goto('/activity');
    await expect(page.getByText('No activity yet.')).toBeVisible();
  });
});
