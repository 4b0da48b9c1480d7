import { expect, type Locator, type Page } from '@playwright/test';

/** The signed-in shell: header navigation and the home page. */
export class HomePage {
  readonly heading: Locator;
  readonly accountLink: Locator;
  readonly signOutButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('main').getByRole('heading', { level: 1, name: 'All tasks' });
    const nav = page.getByRole('navigation', { name: 'Main' });
    this.accountLink = nav.getByRole('link', { name: 'Account' });
    this.signOutButton = nav.getByRole('button', { name: 'Sign out' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
    await expect(this.heading).toBeVisible();
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
  }
}

export class AccountPage {
  readonly heading: Locator;
  readonly profile: Locator;
  readonly nameInput: Locator;
  readonly timeZoneInput: Locator;
  readonly saveProfileButton: Locator;
  readonly profileStatus: Locator;
  readonly sessions: Locator;
  readonly sessionItems: Locator;
  readonly currentPassword: Locator;
  readonly newPassword: Locator;
  readonly changePasswordButton: Locator;
  readonly passwordStatus: Locator;
  readonly errorSummary: Locator;
  readonly deleteButton: Locator;
  readonly deleteDialog: Locator;
  readonly deleteConfirmation: Locator;
  readonly confirmDeleteButton: Locator;
  readonly cancelDeleteButton: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { level: 1, name: 'Account' });
    this.profile = main.getByRole('region', { name: 'Profile' });
    this.nameInput = this.profile.getByLabel('Name');
    this.timeZoneInput = this.profile.getByRole('combobox', { name: 'Time zone' });
    this.saveProfileButton = this.profile.getByRole('button', { name: 'Save profile' });
    this.profileStatus = this.profile.getByRole('status');
    this.sessions = main.getByRole('region', { name: 'Sessions' });
    this.sessionItems = this.sessions.getByRole('list', { name: 'Active sessions' }).getByRole('listitem');
    const passwordSection = main.getByRole('region', { name: 'Change password' });
    this.currentPassword = passwordSection.getByLabel('Current password');
    this.newPassword = passwordSection.getByLabel('New password');
    this.changePasswordButton = passwordSection.getByRole('button', { name: 'Change password' });
    this.passwordStatus = passwordSection.getByRole('status');
    this.errorSummary = passwordSection.getByRole('alert');
    this.deleteButton = main.getByRole('button', { name: 'Delete account…' });
    this.deleteDialog = page.getByRole('dialog', { name: 'Delete your account?' });
    this.deleteConfirmation = this.deleteDialog.getByLabel('Type DELETE or your email address to confirm');
    this.confirmDeleteButton = this.deleteDialog.getByRole('button', { name: 'Delete account', exact: true });
    this.cancelDeleteButton = this.deleteDialog.getByRole('button', { name: 'Cancel' });
  }

  /** Opens the page and waits for its own reads (the sessions list), so a test's next step does not race them. */
  async goto(): Promise<void> {
    await this.page.goto('/account');
    await expect(this.heading).toBeVisible();
    await expect(this.session({ current: true })).toBeVisible();
  }

  /** The row of the session that is (or is not) this browser. */
  session({ current }: { readonly current: boolean }): Locator {
    const thisDevice = this.sessionItems.filter({ hasText: 'This device' });
    return current ? thisDevice : this.sessionItems.filter({ hasNotText: 'This device' });
  }

  async changePassword(current: string, next: string): Promise<void> {
    await this.currentPassword.fill(current);
    await this.newPassword.fill(next);
    await this.changePasswordButton.click();
  }
}
