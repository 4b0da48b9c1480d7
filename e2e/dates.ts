import { expect, type Page } from '@playwright/test';

/** A date relative to the browser's own today, as YYYY-MM-DD. */
export async function localDate(page: Page, offsetDays: number): Promise<string> {
  return page.evaluate((offset) => {
    const date = new Date();
    date.setDate(date.getDate() + offset);
    const pad = (value: number) => String(value).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }, offsetDays);
}

/** The person's "today" is the browser's, as sign-up in the browser would have set it. */
export async function useBrowserTimeZone(page: Page): Promise<void> {
  const timeZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const response = await page.request.patch('/api/auth/me', { data: { timeZone } });
  expect(response.ok(), `PATCH /api/auth/me answered: ${await response.text()}`).toBe(true);
}
