import { expect, type Locator, type Page } from '@playwright/test';

export class ForgotPasswordPage {
  readonly heading: Locator;
  readonly email: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { level: 1, name: 'Forgot your password?' });
    this.email = main.getByLabel('Email');
    this.submit = main.getByRole('button', { name: 'Send reset code' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/forgot-password');
    await expect(this.heading).toBeVisible();
  }

  async requestCode(email: string): Promise<void> {
    await this.email.fill(email);
    await this.submit.click();
  }
}

export class ResetPasswordPage {
  readonly heading: Locator;
  readonly code: Locator;
  readonly newPassword: Locator;
  readonly submit: Locator;
  readonly errorSummary: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { level: 1, name: 'Reset your password' });
    this.code = main.getByLabel('Reset code');
    this.newPassword = main.getByLabel('New password');
    this.submit = main.getByRole('button', { name: 'Reset password', exact: true });
    this.errorSummary = main.getByRole('alert');
  }

  async goto(email?: string): Promise<void> {
    await this.page.goto(email ? `/reset-password?email=${encodeURIComponent(email)}` : '/reset-password');
    await expect(this.heading).toBeVisible();
  }

  async reset(code: string, newPassword: string): Promise<void> {
    await this.code.fill(code);
    await this.newPassword.fill(newPassword);
    await this.submit.click();
  }
}
