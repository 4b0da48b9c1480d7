import { expect, type Locator, type Page } from '@playwright/test';

export class ConfirmPage {
  readonly heading: Locator;
  readonly code: Locator;
  readonly submit: Locator;
  readonly resend: Locator;
  readonly resendStatus: Locator;
  readonly errorSummary: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { level: 1, name: 'Confirm your email' });
    this.code = main.getByLabel('Confirmation code');
    this.submit = main.getByRole('button', { name: 'Confirm account', exact: true });
    this.resend = main.getByRole('button', { name: 'Resend code' });
    this.resendStatus = main.getByRole('status');
    this.errorSummary = main.getByRole('alert');
  }

  async goto(email?: string): Promise<void> {
    await this.page.goto(email ? `/confirm?email=${encodeURIComponent(email)}` : '/confirm');
    await expect(this.heading).toBeVisible();
  }

  sentTo(email: string): Locator {
    return this.page.getByRole('main').getByText(`We sent a code to ${email}.`);
  }

  async confirm(code: string): Promise<void> {
    await this.code.fill(code);
    await this.submit.click();
  }
}
