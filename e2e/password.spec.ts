import { AUTH_CODE, expect, pathIs, test } from './fixtures';
import { AccountPage, HomePage } from './pages/app-pages';
import { ForgotPasswordPage, ResetPasswordPage } from './pages/password-pages';
import { SignInPage } from './pages/sign-in-page';

test('a forgotten password is reset with the emailed code', async ({ page, user }) => {
  const signIn = new SignInPage(page);
  const forgot = new ForgotPasswordPage(page);
  const reset = new ResetPasswordPage(page);
  const newPassword = `${user.password}-New2`;

  await signIn.goto();
  await signIn.forgotPassword.click();
  await expect(forgot.heading).toBeVisible();
  await forgot.requestCode(user.email);

  await expect(reset.heading).toBeVisible();
  await expect(page).toHaveURL((url) => url.pathname === '/reset-password' && url.searchParams.get('email') === user.email);
  await reset.reset(AUTH_CODE, newPassword);

  await expect(signIn.notice).toContainText('Your password has been reset.');
  await signIn.signIn(user.email, newPassword);
  await expect(new HomePage(page).heading).toBeVisible();
});

test('after a password change only the new password works', async ({ signedInPage: page, user }) => {
  const account = new AccountPage(page);
  const home = new HomePage(page);
  const signIn = new SignInPage(page);
  const newPassword = `${user.password}-Changed3`;

  await home.accountLink.click();
  await expect(account.heading).toBeVisible();
  await expect(home.accountLink).toHaveAttribute('aria-current', 'page');
  await account.changePassword(user.password, newPassword);
  await expect(account.passwordStatus).toHaveText('Your password has been changed.');
  await expect(account.currentPassword).toHaveValue('');

  await home.signOut();
  await expect(signIn.heading).toBeVisible();
  await signIn.signIn(user.email, user.password);
  await expect(signIn.errorSummary).toContainText('Incorrect email or password.');

  await signIn.password.fill(newPassword);
  await signIn.submit.click();
  await expect(home.heading).toBeVisible();
});

test('a wrong current password is reported without signing the person out', async ({ signedInPage: page }) => {
  const account = new AccountPage(page);
  await account.goto();
  await account.changePassword('Not-The-Current-1', 'Another-Passw0rd');

  await expect(account.errorSummary).toBeVisible();
  await expect(account.errorSummary).toBeFocused();
  await expect(account.passwordStatus).toHaveText('');
  await expect(page).toHaveURL(pathIs('/account'));
});
