import type { Locator, Page } from '@playwright/test';

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
}
