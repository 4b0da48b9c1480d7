import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';

export { expect };

/** Every emailed code in local mode. */
export const AUTH_CODE = process.env.TEST_AUTH_CODE || '123456';

export type TestUser = { readonly email: string; readonly password: string; readonly name: string };

/** Fresh, unique credentials that satisfy the password policy; parallel workers never collide. */
export function newUserDetails(): TestUser {
  const id = randomBytes(6).toString('hex');
  return { email: `e2e-${id}@example.test`, password: `Todoer-${id}-Aa1`, name: `E2E Person ${id}` };
}

/** Registers a user through the API, confirmed unless told otherwise. */
export async function registerUser(
  request: APIRequestContext,
  user: TestUser,
  { confirm = true }: { confirm?: boolean } = {},
): Promise<void> {
  const signUp = await request.post('/api/auth/sign-up', {
    data: { email: user.email, password: user.password, name: user.name },
  });
  expect(signUp.status(), `sign-up answered: ${await signUp.text()}`).toBe(201);
  if (!confirm) return;
  const confirmed = await request.post('/api/auth/confirm', { data: { email: user.email, code: AUTH_CODE } });
  expect(confirmed.status(), `confirm answered: ${await confirmed.text()}`).toBe(204);
}

/** A URL predicate for toHaveURL: the path, ignoring origin and query. */
export function pathIs(pathname: string): (url: URL) => boolean {
  return (url) => url.pathname === pathname;
}

/** Zero axe violations against WCAG 2.0/2.1 A and AA, and nothing wider than the viewport. */
export async function expectAccessibleAndFitting(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = violations.map(
    (violation) => `${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
  expect(summary, 'axe violations').toEqual([]);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
}

type Fixtures = {
  /** A confirmed account created through the API for this test only. */
  user: TestUser;
  /** The page, signed in as `user` (session cookies set by the API in the page's own context) and showing "/". */
  signedInPage: Page;
  /** A second confirmed account, for sharing. */
  otherUser: TestUser;
  /** `otherUser` signed in, in a browser context of its own (its own cookies), showing "/". */
  otherPage: Page;
};

/** Signs the page's context in through the API (the session cookies land in that context) and opens "/". */
export async function signIn(page: Page, user: TestUser): Promise<void> {
  const response = await page.request.post('/api/auth/sign-in', {
    data: { email: user.email, password: user.password },
  });
  expect(response.status(), `sign-in answered: ${await response.text()}`).toBe(200);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'All tasks' })).toBeVisible();
}

export const test = base.extend<Fixtures>({
  user: async ({ request }, provide) => {
    const user = newUserDetails();
    await registerUser(request, user);
    await provide(user);
  },
  signedInPage: async ({ page, user }, provide) => {
    await signIn(page, user);
    await provide(page);
  },
  otherUser: async ({ request }, provide) => {
    const user = newUserDetails();
    await registerUser(request, user);
    await provide(user);
  },
  otherPage: async ({ browser, baseURL, viewport, colorScheme, extraHTTPHeaders, otherUser }, provide) => {
    const context = await browser.newContext({ baseURL, viewport, colorScheme, extraHTTPHeaders });
    const page = await context.newPage();
    await signIn(page, otherUser);
    await provide(page);
    await context.close();
  },
});
