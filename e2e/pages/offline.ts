import { expect, type Page } from '@playwright/test';
import { PAGE_MATCH_OPTIONS, PAGES_CACHE } from '../../lib/pwa/caches';

/** Waits until the service worker controls the page and holds a copy of it: it can now open offline. */
export async function expectReadyOffline(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(
          async ({ cacheName, options }) =>
            navigator.serviceWorker.controller !== null && (await (await caches.open(cacheName)).match(window.location.href, options)) !== undefined,
          { cacheName: PAGES_CACHE, options: PAGE_MATCH_OPTIONS },
        ),
      { message: 'the service worker controls the page and has cached it', timeout: 15_000 },
    )
    .toBe(true);
}
