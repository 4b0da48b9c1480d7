import { runReminderConsumer } from '../tests/api/reminder-consumer';
import { expect, expectAccessibleAndFitting, test } from './fixtures';
import { TasksPage } from './pages/tasks-page';

/** A reminder set in the task panel arrives in the bell once the consumer runs at its time (a clock this test controls). */

const DUE_DATE = '2031-05-01';

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`reminders, ${colorScheme} scheme`, () => {
    test.use({ colorScheme });

    test('set a reminder in the panel, see it arrive in the bell, open the task from it', async ({ signedInPage: page }) => {
      const title = `Renew passport ${colorScheme}`;
      const created = await page.request.post('/api/tasks', { data: { title, dueDate: DUE_DATE, dueTime: '10:00' } });
      expect(created.status()).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const tasks = new TasksPage(page);
      await tasks.goto();
      await tasks.openDetails(title);

      const reminders = tasks.panel.getByRole('region', { name: 'Reminders' });
      await reminders.getByLabel('Remind me').selectOption({ label: '30 minutes before' });
      await reminders.getByRole('button', { name: 'Add reminder' }).click();
      await expect(reminders.getByRole('list', { name: 'Your reminders' }).getByRole('listitem')).toHaveText([/^30 minutes before/]);
      await tasks.closeDetails();
      // The reload below must not open the panel again from the address.
      await expect(page).not.toHaveURL(/[?&]task=/);

      const bell = page.getByRole('button', { name: /^Notifications/ });
      await expect(bell).toHaveAccessibleName('Notifications');
      // The person's zone is UTC (none set): 10:00 less 30 minutes.
      await runReminderConsumer(new Date(`${DUE_DATE}T09:30:01Z`));
      await page.reload();
      await expect(bell).toHaveAccessibleName('Notifications, 1 unread');

      await bell.click();
      const popover = page.getByRole('region', { name: 'Your reminders' });
      await expect(popover.getByRole('link', { name: new RegExp(title) })).toBeVisible();
      await expectAccessibleAndFitting(page);

      await popover.getByRole('link', { name: new RegExp(title) }).click();
      await expect(page).toHaveURL((url) => url.searchParams.get('task') === id);
      await expect(tasks.panel).toBeVisible();
      await expect(tasks.panelField('Title')).toHaveValue(title);
      await expect(bell).toHaveAccessibleName('Notifications');
    });
  });
}
