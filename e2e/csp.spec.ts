/**
 * The Content-Security-Policy (proxy.ts, lib/security-headers.ts) in a real browser: every page, signed
 * out and signed in, with real work done on them (sign in, add a task, upload and view a photo, open
 * dialogs, navigate client-side), in both colour schemes, causes no violation at all.
 */
import type { Page } from '@playwright/test';
import { AccountPage } from './pages/app-pages';
import { dogPhoto, TaskAttachments } from './pages/attachments';
import { ListPage, ListsSidebar, ShareDialog } from './pages/lists';
import { SignInPage } from './pages/sign-in-page';
import { TasksPage } from './pages/tasks-page';
import { test as base, expect } from './fixtures';

declare global {
  interface Window {
    /** This document's violations, as the page itself saw them. */
    __cspViolations?: string[];
    /** Reports one to the test, which keeps them across navigations (page.exposeFunction). */
    __reportCspViolation?: (violation: string) => void;
  }
}

/**
 * Every violation the browser reports, three ways: the page's own `securitypolicyviolation` events
 * (an init script, so it listens before any page script runs), the console ("Refused to …
 * Content Security Policy …"), and requests the browser blocked.
 */
async function recordViolations(page: Page, into: string[]): Promise<void> {
  await page.exposeFunction('__reportCspViolation', (violation: string) => {
    into.push(violation);
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (event) => {
        const violation = `${event.disposition} ${event.effectiveDirective}: ${event.blockedURI || '(inline)'} at ${event.sourceFile || event.documentURI}:${event.lineNumber} ${event.sample}`;
        window.__cspViolations?.push(violation);
        window.__reportCspViolation?.(violation);
      },
      true,
    );
  });
  page.on('console', (message) => {
    const text = message.text();
    if (/Content[- ]Security[- ]Policy|Refused to/i.test(text)) into.push(`console ${message.type()}: ${text}`);
  });
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    if (/csp/i.test(reason)) into.push(`request blocked: ${request.url()} (${reason})`);
  });
}

const test = base.extend<{ violations: string[] }>({
  violations: async ({}, provide) => {
    await provide([]);
  },
  // Every page of these tests, signedInPage's included, is watched from its very first navigation.
  page: async ({ page, violations }, provide) => {
    await recordViolations(page, violations);
    await provide(page);
  },
});

/** No violation so far: in this document (read from the page) and in every earlier one. */
async function expectNoViolations(page: Page, violations: readonly string[], where: string): Promise<void> {
  // A violation event is queued as a task; let any pending one arrive first.
  const inPage = await page.evaluate(() => new Promise<string[]>((resolve) => setTimeout(() => resolve(window.__cspViolations ?? []), 100)));
  expect(inPage, `CSP violations on ${where}, as the page saw them`).toEqual([]);
  expect([...violations], `CSP violations up to ${where}`).toEqual([]);
}

async function visit(page: Page, violations: readonly string[], path: string, heading: string | RegExp): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await expectNoViolations(page, violations, path);
}

test('an injected script, style and image are blocked, and the watcher reports each', async ({ page, violations }) => {
  // What an HTML injection would add to the server's page, headers untouched: nothing here has the nonce.
  await page.route('**/sign-in', async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(
      '</head>',
      '<script>window.__injectedRan = true</script><style>body { outline: 9px solid red }</style></head>',
    ).replace('</body>', '<img src="http://evil.example/pixel.png" alt=""></body>');
    await route.fulfill({ response, body: html });
  });
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __injectedRan?: boolean }).__injectedRan === true), 'the script ran').toBe(false);
  expect(await page.evaluate(() => getComputedStyle(document.body).outlineWidth), 'the style applied').not.toBe('9px');
  for (const directive of ['script-src-elem', 'style-src-elem', 'img-src']) {
    await expect.poll(() => violations.filter((violation) => violation.includes(` ${directive}:`)).length, directive).toBeGreaterThan(0);
  }
  expect(await page.evaluate(() => window.__cspViolations?.length ?? 0)).toBeGreaterThanOrEqual(3);
  expect(violations.some((violation) => violation.startsWith('console ')), 'the console said so too').toBe(true);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`at 1280 × 800, ${colorScheme} scheme`, () => {
    test.use({ viewport: { width: 1280, height: 800 }, colorScheme });

    test('signed-out pages and signing in through the form cause no CSP violation', async ({ page, violations, user }) => {
      await visit(page, violations, '/sign-up', 'Create an account');
      // A real submit with nothing filled in: client-side validation and its error summary.
      await page.getByRole('main').getByRole('button', { name: 'Create account', exact: true }).click();
      await expect(page.getByRole('main').getByRole('alert').first()).toBeVisible();
      await expectNoViolations(page, violations, '/sign-up with errors');
      await visit(page, violations, '/confirm?email=someone%40example.test', 'Confirm your email');
      await visit(page, violations, '/forgot-password', 'Forgot your password?');
      await visit(page, violations, '/reset-password?email=someone%40example.test', 'Reset your password');
      await visit(page, violations, '/no-such-page', 'Page not found');

      const signIn = new SignInPage(page);
      await signIn.goto();
      await signIn.signIn(user.email, user.password);
      await expect(page.getByRole('main').getByRole('heading', { level: 1, name: 'All tasks' })).toBeVisible();
      await expectNoViolations(page, violations, 'sign-in, then home');
    });

    test('signed-in pages, a task, a photo upload and view, lists and dialogs cause no CSP violation', async ({
      signedInPage: page,
      violations,
    }) => {
      await expectNoViolations(page, violations, '/ after sign-in');
      const tasks = new TasksPage(page);

      // Add a task, then upload a photo to it straight to the bucket (connect-src) and view it
      // through its redirect to a signed URL (img-src).
      await tasks.addTask({ title: 'Walk the dog' });
      await tasks.openDetails('Walk the dog');
      const photos = new TaskAttachments(tasks.panel);
      await photos.drop([dogPhoto()]);
      const thumbnail = photos.thumbnails.first();
      const image = thumbnail.getByRole('img');
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      await thumbnail.click();
      await expect(photos.viewer).toBeVisible();
      const large = photos.viewer.getByRole('img');
      await expect.poll(() => large.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      await photos.viewer.getByRole('button', { name: 'Close' }).click();
      await expect(photos.viewer).toBeHidden();
      await page.keyboard.press('Escape');
      await expect(tasks.panel).toBeHidden();
      await expectNoViolations(page, violations, 'home with a task and a photo');

      // A coloured list (its dot is a style attribute), its page, and its Share dialog.
      const sidebar = new ListsSidebar(page);
      await sidebar.createList('Groceries', 'Green');
      await expect(page).toHaveURL(/\/lists\/[0-9a-f-]{36}$/);
      const listUrl = new URL(page.url()).pathname;
      const listPage = new ListPage(page, 'Groceries');
      await listPage.shareButton.click();
      const share = new ShareDialog(page, 'Groceries');
      await expect(share.dialog).toBeVisible();
      await share.doneButton.click();
      await expect(share.dialog).toBeHidden();
      await expectNoViolations(page, violations, 'a list page with its Share dialog');

      // Client-side navigation loads further chunks ('strict-dynamic').
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
      await expect(page.getByRole('main').getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible();
      await expectNoViolations(page, violations, '/activity by link');

      // Full loads of every signed-in page.
      await visit(page, violations, '/', 'All tasks');
      await visit(page, violations, listUrl, 'Groceries');
      await visit(page, violations, '/activity', 'Activity');
      await visit(page, violations, '/invitations', 'Invitations');
      await visit(page, violations, '/account', 'Account');
      const account = new AccountPage(page);
      await account.deleteButton.click();
      await expect(account.deleteDialog).toBeVisible();
      await account.cancelDeleteButton.click();
      await expect(account.deleteDialog).toBeHidden();
      await expectNoViolations(page, violations, '/account with its delete dialog');
    });
  });
}
