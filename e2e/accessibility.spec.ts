import { expect, expectAccessibleAndFitting, test } from './fixtures';
import { AccountPage, HomePage } from './pages/app-pages';
import { SignInPage } from './pages/sign-in-page';

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
