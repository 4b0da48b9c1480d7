import { expect, type Locator, type Page } from '@playwright/test';

/** The keyboard shortcuts help and the shell's button that opens it. */
export class ShortcutsHelp {
  readonly dialog: Locator;
  readonly intro: Locator;
  readonly closeButton: Locator;
  readonly openButton: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    this.intro = this.dialog.getByText(/^Single keys do nothing while you type/);
    this.closeButton = this.dialog.getByRole('button', { name: 'Close' });
    this.openButton = page.getByRole('button', { name: /^Keyboard shortcuts/ });
  }

  group(name: 'Anywhere' | 'Task list'): Locator {
    return this.dialog.getByRole('region', { name });
  }

  /** Presses `?` until the help shows: a key pressed before the page has hydrated finds no listener yet. */
  async openWithKey(): Promise<void> {
    await expect(async () => {
      await this.page.keyboard.press('?');
      await expect(this.dialog).toBeVisible({ timeout: 1000 });
    }).toPass();
  }

  /** Waits until the page listens for the global keys (opens the help once and closes it). */
  async waitUntilListening(): Promise<void> {
    await this.openWithKey();
    await this.page.keyboard.press('Escape');
    await expect(this.dialog).toBeHidden();
  }
}
