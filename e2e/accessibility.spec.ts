import { expect, expectAccessibleAndFitting, test } from './fixtures';
import { AccountPage, HomePage } from './pages/app-pages';
import { SignInPage } from './pages/sign-in-page';
import { TasksPage } from './pages/tasks-page';

const SIGNED_OUT_PAGES = [
  { path: '/sign-in', heading: 'Sign in' },
  { path: '/sign-in?confirmed=1&email=someone%40example.test', heading: 'Sign in' },
  { path: '/sign-up', heading: 'Create an account' },
  { path: '/confirm?email=someone%40example.test', heading: 'Confirm your email' },
  { path: '/confirm', heading: 'Confirm your email' },
  { path: '/forgot-password', heading: 'Forgot your password?' },
  { path: '/reset-password?email=someone%40example.test', heading: 'Reset your password' },
  { path: '/reset-password', heading: 'Reset your password' },
  { path: '/no-such-page', heading: 'Page not found' },
] as const;

test.describe('at 360 × 740', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  for (const { path, heading } of SIGNED_OUT_PAGES) {
    test(`${path} passes axe and does not scroll sideways`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expectAccessibleAndFitting(page);
    });
  }

  test('a long email address does not widen the page', async ({ page }) => {
    const email = `${'a-very-long-local-part-'.repeat(4)}x@example.test`;
    await page.goto(`/confirm?email=${encodeURIComponent(email)}`);
    await expect(page.getByRole('main').getByText(email)).toBeVisible();
    await expectAccessibleAndFitting(page);
  });
});

// Signed-in screens, and the error states, in both colour schemes.
for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`at 360 × 740, ${colorScheme} scheme`, () => {
    test.use({ viewport: { width: 360, height: 740 }, colorScheme });

    test('sign-in with a success note and field errors passes axe', async ({ page }) => {
      const signIn = new SignInPage(page);
      await signIn.goto('?confirmed=1');
      await expectAccessibleAndFitting(page);
      await signIn.signIn('not-an-email', '');
      await expect(signIn.errorSummary).toBeVisible();
      await expect(signIn.email).toHaveAttribute('aria-invalid', 'true');
      await expectAccessibleAndFitting(page);
    });

    test('home passes axe and does not scroll sideways', async ({ signedInPage: page }) => {
      await expect(new HomePage(page).heading).toBeVisible();
      await expectAccessibleAndFitting(page);
    });

    for (const width of [1280, 360]) {
      test(`every task view and the details panel pass axe at ${width} px`, async ({ signedInPage: page }) => {
        await page.setViewportSize({ width, height: 800 });
        const listResponse = await page.request.post('/api/lists', { data: { name: 'Work', color: '#3645b0' } });
        const list = (await listResponse.json()) as { id: string };
        const today = await page.evaluate(() => new Date().toLocaleDateString('en-CA'));
        for (const task of [
          { title: 'Send the report', listId: list.id, dueDate: today, dueTime: '17:00', priority: 'high', tags: ['work'] },
          { title: 'Plan the offsite', listId: list.id, subtasks: [{ title: 'Pick a date', completed: true }, { title: 'Book rooms' }] },
          { title: 'Water the plants', priority: 'low' },
        ]) {
          expect((await page.request.post('/api/tasks', { data: task })).status()).toBe(201);
        }
        const old = (await (await page.request.post('/api/tasks', { data: { title: 'Old chore' } })).json()) as { id: string };
        expect((await page.request.patch(`/api/tasks/${old.id}`, { data: { completed: true } })).status()).toBe(200);
        const tasks = new TasksPage(page);
        for (const path of ['/', '/today', '/upcoming', `/lists/${list.id}`, '/?tag=work']) {
          await page.goto(path);
          await expect(page.getByRole('listitem', { name: 'Send the report' })).toBeVisible();
          await expectAccessibleAndFitting(page);
        }
        await page.goto(`/lists/${list.id}`);
        await tasks.openDetails('Plan the offsite');
        await expect(tasks.panel.getByRole('list', { name: 'Subtasks' })).toBeVisible();
        await expectAccessibleAndFitting(page);
        await tasks.closeDetails();
        await tasks.moreOptions.click();
        await expect(tasks.addForm).toBeVisible();
        await expectAccessibleAndFitting(page);
        await page.goto('/');
        await tasks.showCompleted();
        await expect(tasks.task('Old chore')).toBeVisible();
        await expectAccessibleAndFitting(page);
      });
    }

    test('account, with errors and with its delete dialog, passes axe and does not scroll sideways', async ({
      signedInPage: page,
    }) => {
      const account = new AccountPage(page);
      await account.goto();
      await expect(account.sessionItems).toHaveCount(1);
      await expectAccessibleAndFitting(page);
      await account.timeZoneInput.fill('Nowhere/Special');
      await account.saveProfileButton.click();
      await expect(account.timeZoneInput).toHaveAttribute('aria-invalid', 'true');
      await expectAccessibleAndFitting(page);
      await account.changePassword('', 'weak');
      await expect(account.errorSummary).toBeVisible();
      await expectAccessibleAndFitting(page);
      await account.deleteButton.click();
      await expect(account.deleteDialog).toBeVisible();
      await expectAccessibleAndFitting(page);
    });
  });
}

test('the skip link is the first stop and moves focus to the main content', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await page.keyboard.press('Tab');
  const skipLink = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skipLink).toBeFocused();
  await expect(skipLink).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});
