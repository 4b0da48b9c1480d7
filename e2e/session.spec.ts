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
