import { expect, test } from './fixtures';
import { AccountPage, HomePage } from './pages/app-pages';
import { SignInPage } from './pages/sign-in-page';

// The access cookie is short-lived; the refresh cookie renews it. Dropping one simulates its expiry.
const ACCESS_COOKIE = /todoer_at$/;

test('a page load with an expired access token stays signed in', async ({ signedInPage: page }) => {
  await page.context().clearCookies({ name: ACCESS_COOKIE });
  await page.reload();
  await expect(new HomePage(page).heading).toBeVisible();
});

test('an API call with an expired access token is renewed and retried transparently', async ({ signedInPage: page, user }) => {
  const account = new AccountPage(page);
  await account.goto();
  await page.context().clearCookies({ name: ACCESS_COOKIE });

  await account.changePassword(user.password, `${user.password}-Renewed4`);
  await expect(account.passwordStatus).toHaveText('Your password has been changed.');
});

test('when the whole session is gone, the next action leads to sign-in and back', async ({ signedInPage: page, user }) => {
  const account = new AccountPage(page);
  await account.goto();
  await page.context().clearCookies();

  await account.changePassword(user.password, `${user.password}-Never5`);
  await expect(page).toHaveURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === '/account');

  await new SignInPage(page).signIn(user.email, user.password);
  await expect(account.heading).toBeVisible();
});

test('signing out, even when the sign-in page is slow to come, leads to sign-in once, and signing in goes home', async ({ signedInPage: page, user }) => {
  const account = new AccountPage(page);
  const home = new HomePage(page);
  const signIn = new SignInPage(page);
  await account.goto();
  // The live stream hears this session end and its sync finds it over, about a second later: the
  // slow route keeps this page up past that moment, when the stream must not send the person to
  // sign-in a second time (with this page as where to come back to).
  await page.route(
    (url) => url.pathname === '/sign-in',
    async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await route.continue();
    },
  );
  await home.signOut();
  await expect(signIn.heading).toBeVisible({ timeout: 15_000 });
  await page.unroute((url) => url.pathname === '/sign-in');
  await page.waitForTimeout(2000);
  expect(new URL(page.url()).searchParams.get('next')).toBeNull();

  await signIn.signIn(user.email, user.password);
  await expect(home.heading).toBeVisible();
});
