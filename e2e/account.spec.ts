import { expect, pathIs, signIn, test } from './fixtures';
import { AccountPage } from './pages/app-pages';
import { SignInPage } from './pages/sign-in-page';

test('the account page shows the profile', async ({ signedInPage: page, user }) => {
  const account = new AccountPage(page);
  await account.goto();
  await expect(account.profile.getByText(user.name)).toBeVisible();
  await expect(account.profile.getByText(user.email)).toBeVisible();
});

test('deleting the account needs confirmation, then the account is gone', async ({ signedInPage: page, user }) => {
  const account = new AccountPage(page);
  await account.goto();

  await account.deleteButton.click();
  await expect(account.deleteDialog).toBeVisible();
  await expect(account.deleteConfirmation).toBeFocused();
  await expect(account.confirmDeleteButton).toBeDisabled();
  await account.deleteConfirmation.fill('delete');
  await expect(account.confirmDeleteButton).toBeDisabled();

  await page.keyboard.press('Escape');
  await expect(account.deleteDialog).toBeHidden();
  await expect(account.deleteButton).toBeFocused();

  await account.deleteButton.click();
  await expect(account.deleteConfirmation).toHaveValue('');
  await account.deleteConfirmation.fill('DELETE');
  await expect(account.confirmDeleteButton).toBeEnabled();
  await account.confirmDeleteButton.click();

  const signIn = new SignInPage(page);
  await expect(signIn.heading).toBeVisible();
  await expect(page).toHaveURL(pathIs('/sign-in'));
  await expect(signIn.notice).toContainText('Your account and all its data have been deleted.');

  await signIn.signIn(user.email, user.password);
  await expect(signIn.errorSummary).toContainText('Incorrect email or password.');
});

test('typing the email address also confirms deletion', async ({ signedInPage: page, user }) => {
  const account = new AccountPage(page);
  await account.goto();
  await account.deleteButton.click();
  await account.deleteConfirmation.fill(user.email);
  await expect(account.confirmDeleteButton).toBeEnabled();
  await account.cancelDeleteButton.click();
  await expect(account.deleteDialog).toBeHidden();
  await expect(account.deleteButton).toBeFocused();
});

test('sign out everywhere ends this session and the one on another device', async ({ signedInPage: page, user, browser }) => {
  // A second device: its own cookies, the same app.
  const phone = await browser.newContext({ baseURL: new URL(page.url()).origin });
  try {
    const phonePage = await phone.newPage();
    await signIn(phonePage, user);

    const account = new AccountPage(page);
    await account.goto();
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect(new SignInPage(page).heading).toBeVisible();

    await phonePage.reload();
    await expect(new SignInPage(phonePage).heading).toBeVisible();
  } finally {
    await phone.close();
  }
});
