import { caughtMail } from '../scripts/emulators/caught-mail';
import { AUTH_CODE, expect, newUserDetails, pathIs, registerUser, test } from './fixtures';
import { HomePage } from './pages/app-pages';
import { ConfirmPage } from './pages/confirm-page';
import { SignInPage } from './pages/sign-in-page';
import { SignUpPage } from './pages/sign-up-page';

test('a new person signs up, confirms, signs in, stays signed in and signs out', async ({ page }) => {
  const user = newUserDetails();
  const signUp = new SignUpPage(page);
  const confirm = new ConfirmPage(page);
  const signIn = new SignInPage(page);
  const home = new HomePage(page);

  await signUp.goto();
  await signUp.signUp(user);

  await expect(confirm.heading).toBeVisible();
  await expect(page).toHaveURL((url) => url.pathname === '/confirm' && url.searchParams.get('email') === user.email);
  await expect(confirm.sentTo(user.email)).toBeVisible();
  await confirm.resend.click();
  await expect(confirm.resendStatus).toHaveText(`We sent a new code to ${user.email}.`);
  await confirm.confirm(AUTH_CODE);

  await expect(signIn.heading).toBeVisible();
  await expect(signIn.notice).toContainText('Your account is confirmed.');
  await expect(signIn.email).toHaveValue(user.email);
  await signIn.password.fill(user.password);
  await signIn.submit.click();

  await expect(home.heading).toBeVisible();
  await expect(page).toHaveURL(pathIs('/'));
  await expect(page.getByRole('main').getByText('Nothing to do.')).toBeVisible();

  await page.reload();
  await expect(home.heading).toBeVisible();

  await home.signOut();
  await expect(signIn.heading).toBeVisible();
  await expect(page).toHaveURL(pathIs('/sign-in'));

  await page.goto('/');
  await expect(page).toHaveURL(pathIs('/sign-in'));
  await expect(signIn.heading).toBeVisible();
});

test('a wrong password is announced and moves focus to the error', async ({ page, user }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(user.email, 'Not-The-Passw0rd');

  await expect(signIn.errorSummary).toContainText('Incorrect email or password.');
  await expect(signIn.errorSummary).toBeFocused();
  await expect(page).toHaveURL(pathIs('/sign-in'));
});

test('signing in returns to the page that asked for it', async ({ page, user }) => {
  await page.goto('/account');
  await expect(page).toHaveURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === '/account');

  const signIn = new SignInPage(page);
  await signIn.signIn(user.email, user.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
  await expect(page).toHaveURL(pathIs('/account'));
});

test('a next parameter pointing to another site is ignored', async ({ page, user }) => {
  const signIn = new SignInPage(page);
  await signIn.goto('?next=%2F%2Fevil.example%2F');
  await signIn.signIn(user.email, user.password);
  await expect(new HomePage(page).heading).toBeVisible();
  await expect(page).toHaveURL(pathIs('/'));
});

test('an unconfirmed account is sent to the confirmation step', async ({ page, request }) => {
  const user = newUserDetails();
  await registerUser(request, user, { confirm: false });
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(user.email, user.password);

  await expect(signIn.errorSummary).toBeFocused();
  await signIn.errorSummary.getByRole('link', { name: 'Confirm your account' }).click();

  const confirm = new ConfirmPage(page);
  await expect(confirm.sentTo(user.email)).toBeVisible();
  await confirm.confirm(AUTH_CODE);
  await expect(signIn.notice).toContainText('Your account is confirmed.');
  await signIn.password.fill(user.password);
  await signIn.submit.click();
  await expect(new HomePage(page).heading).toBeVisible();
});

test('a wrong confirmation code is reported on the code field', async ({ page, request }) => {
  const user = newUserDetails();
  await registerUser(request, user, { confirm: false });
  const confirm = new ConfirmPage(page);
  await confirm.goto(user.email);
  await confirm.confirm(AUTH_CODE === '000000' ? '111111' : '000000');

  await expect(confirm.errorSummary).toBeFocused();
  await expect(confirm.code).toHaveAttribute('aria-invalid', 'true');
  await expect(confirm.code).toHaveAccessibleDescription(/code/i);
  await expect(page).toHaveURL(pathIs('/confirm'));
});

test('sign-up explains a weak password next to the field', async ({ page }) => {
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.signUp({ email: newUserDetails().email, password: 'short' });

  await expect(signUp.errorSummary).toBeFocused();
  await expect(signUp.password).toHaveAttribute('aria-invalid', 'true');
  await expect(signUp.password).toHaveAccessibleDescription(/at least 8 characters/);
  await signUp.errorSummary.getByRole('link', { name: /at least 8 characters/ }).click();
  await expect(signUp.password).toBeFocused();
});

test('signing up with a registered email looks like any sign-up; the owner is told by email', async ({ page, user }) => {
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.signUp({ email: user.email, password: user.password });

  // Nothing on the page says the address has an account: the next step is the same as for a new one.
  await expect(page).toHaveURL((url) => url.pathname === '/confirm');
  const endpoint = process.env.TEST_MAIL_ENDPOINT ?? '';
  expect(endpoint, 'TEST_MAIL_ENDPOINT (scripts/test.ts passes the mail catcher to Playwright)').toBeTruthy();
  await expect
    .poll(async () => (await caughtMail(endpoint, { to: user.email })).map((mail) => mail.subject))
    .toContain('You already have a Todoer account');
});
