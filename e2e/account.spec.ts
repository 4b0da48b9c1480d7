import type { Browser, Page } from '@playwright/test';
import { expect, pathIs, signIn, test, type TestUser } from './fixtures';
import { AccountPage } from './pages/app-pages';
import { SignInPage } from './pages/sign-in-page';

/** Runs `run` with the user signed in on a second device too (its own cookies, the same app). */
async function withSecondDevice(browser: Browser, page: Page, user: TestUser, run: (phonePage: Page) => Promise<void>): Promise<void> {
  const phone = await browser.newContext({ baseURL: new URL(page.url()).origin });
  try {
    const phonePage = await phone.newPage();
    await signIn(phonePage, user);
    await run(phonePage);
  } finally {
    await phone.close();
  }
}

test('the account page shows the profile', async ({ signedInPage: page, user }) => {
  const account = new AccountPage(page);
  await account.goto();
  await expect(account.nameInput).toHaveValue(user.name);
  await expect(account.profile.getByText(user.email)).toBeVisible();
  // Signed up through the API without a zone: the one in force (UTC) is shown.
  await expect(account.timeZoneInput).toHaveValue('UTC');
});

test.describe('on a device in New York', () => {
  test.use({ timezoneId: 'America/New_York' });

  test('editing the name and time zone saves them, shows field errors, and offers the device’s zone', async ({ signedInPage: page }) => {
    const account = new AccountPage(page);
    await account.goto();
    const useDevice = account.profile.getByRole('button', { name: 'Use this device’s time zone (America/New_York)' });

    await account.timeZoneInput.fill('Mars/Olympus_Mons');
    await account.nameInput.fill('x'.repeat(101));
    await account.saveProfileButton.click();
    await expect(account.profile.getByRole('alert')).toBeVisible();
    await expect(account.nameInput).toHaveAttribute('aria-invalid', 'true');
    await expect(account.nameInput).toHaveAccessibleDescription(/Names are at most 100 characters/);
    await expect(account.timeZoneInput).toHaveAttribute('aria-invalid', 'true');
    await expect(account.timeZoneInput).toHaveAccessibleDescription(/Use a time zone like Europe\/Berlin/);

    await account.nameInput.fill('  Ada Lovelace ');
    await useDevice.click();
    await expect(account.timeZoneInput).toHaveValue('America/New_York');
    await expect(useDevice).toBeHidden();
    await account.saveProfileButton.click();
    await expect(account.profileStatus).toHaveText('Your profile has been saved.');
    await expect(account.nameInput).toHaveValue('Ada Lovelace');
    await expect(account.nameInput).not.toHaveAttribute('aria-invalid', 'true');

    await account.timeZoneInput.fill('Asia/Tokyo');
    await account.saveProfileButton.click();
    await expect(account.profileStatus).toHaveText('Your profile has been saved.');
    await expect(useDevice).toBeVisible();

    await page.reload();
    await expect(account.nameInput).toHaveValue('Ada Lovelace');
    await expect(account.timeZoneInput).toHaveValue('Asia/Tokyo');
  });
});

test('the sessions list marks this device and signs another one out', async ({ signedInPage: page, user, browser }) => {
  await withSecondDevice(browser, page, user, async (phonePage) => {
    const account = new AccountPage(page);
    await account.goto();
    await expect(account.sessionItems).toHaveCount(2);
    await expect(account.session({ current: true })).toHaveCount(1);
    await expect(account.session({ current: true }).getByRole('button', { name: 'Sign out' })).toHaveCount(0);
    await account.session({ current: false }).getByRole('button', { name: 'Sign out' }).click();
    await expect(account.sessionItems).toHaveCount(1);
    await expect(account.session({ current: true })).toHaveCount(1);

    await phonePage.reload();
    await expect(new SignInPage(phonePage).heading).toBeVisible();
    await page.reload();
    await expect(account.heading).toBeVisible();
  });
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
  await withSecondDevice(browser, page, user, async (phonePage) => {
    const account = new AccountPage(page);
    await account.goto();
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect(new SignInPage(page).heading).toBeVisible();

    await phonePage.reload();
    await expect(new SignInPage(phonePage).heading).toBeVisible();
  });
});
