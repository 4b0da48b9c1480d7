import { expect, type Locator, type Page } from '@playwright/test';

export class SignInPage {
  readonly heading: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly forgotPassword: Locator;
  readonly errorSummary: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { level: 1, name: 'Sign in' });
    this.email = main.getByLabel('Email');
    this.password = main.getByLabel('Password', { exact: true });
    this.submit = main.getByRole('button', { name: 'Sign in', exact: true });
    this.forgotPassword = main.getByRole('link', { name: 'Forgot your password?' });
    this.errorSummary = main.getByRole('alert');
    this.notice = main.getByRole('status');
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/sign-in${query}`);
    await expect(this.heading).toBeVisible();
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }
}
