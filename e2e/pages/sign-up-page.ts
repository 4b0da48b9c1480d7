import { expect, type Locator, type Page } from '@playwright/test';
import type { TestUser } from '../fixtures';

export class SignUpPage {
  readonly heading: Locator;
  readonly name: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly errorSummary: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { level: 1, name: 'Create an account' });
    this.name = main.getByLabel('Name');
    this.email = main.getByLabel('Email');
    this.password = main.getByLabel('Password', { exact: true });
    this.submit = main.getByRole('button', { name: 'Create account', exact: true });
    this.errorSummary = main.getByRole('alert');
  }

  async goto(): Promise<void> {
    await this.page.goto('/sign-up');
    await expect(this.heading).toBeVisible();
  }

  async signUp(user: Pick<TestUser, 'email' | 'password'> & { name?: string }): Promise<void> {
    if (user.name) await this.name.fill(user.name);
    await this.email.fill(user.email);
    await this.password.fill(user.password);
    await this.submit.click();
  }
}
