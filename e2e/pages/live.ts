import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { signIn, type TestUser } from '../fixtures';

/** The shell's live indicator (a status region with its state as text). */
export function liveIndicator(page: Page): Locator {
  return page.getByRole('banner').getByRole('status');
}

export async function expectLive(page: Page): Promise<void> {
  await expect(liveIndicator(page)).toHaveText('Live');
}

/** A second browser context (a second device) signed in as `user`, showing "/". */
export async function openSecondDevice(page: Page, browser: Browser, user: TestUser): Promise<Page> {
  const context = await browser.newContext({ baseURL: new URL(page.url()).origin, extraHTTPHeaders: { Origin: new URL(page.url()).origin } });
  const second = await context.newPage();
  await signIn(second, user);
  return second;
}

/** Changes from another device appear without a reload: within a few seconds, not on the next poll. */
export const LIVE_WITHIN_MS = 5000;
