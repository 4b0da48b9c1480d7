/// <reference lib="webworker" />
import { CacheFirst, ExpirationPlugin, NetworkFirst, Serwist, type PrecacheEntry } from 'serwist';
import { PAGE_MATCH_OPTIONS, PAGES_CACHE } from '../lib/pwa/caches';

/**
 * Todoer's service worker (/sw.js, built by scripts/build-sw.ts): the hashed static assets are
 * precached, pages are network-first (so after one visit a page opens offline, its CSP header and
 * nonce cached with it; a client-side navigation offline falls back to a full one, which lands here),
 * icons cache-first. /api is never touched here: the app keeps its data in
 * its own IndexedDB, and a cached API answer could outlive the session it belongs to.
 */

declare const self: ServiceWorkerGlobalScope & { __SW_MANIFEST: (PrecacheEntry | string)[] | undefined };

const PAGE_TIMEOUT_SECONDS = 4;

const isApi = (url: URL) => url.pathname.startsWith('/api/');

/** A page never visited has no copy: offline, the home page (the app shell) stands in. */
const homeWhenOffline = {
  handlerDidError: async () => (await caches.match('/', { ...PAGE_MATCH_OPTIONS, cacheName: PAGES_CACHE, ignoreSearch: true })) ?? undefined,
};

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  runtimeCaching: [
    {
      matcher: ({ request, url, sameOrigin }) => sameOrigin && !isApi(url) && request.mode === 'navigate',
      handler: new NetworkFirst({
        cacheName: PAGES_CACHE,
        networkTimeoutSeconds: PAGE_TIMEOUT_SECONDS,
        matchOptions: PAGE_MATCH_OPTIONS,
        plugins: [new ExpirationPlugin({ maxEntries: 50 }), homeWhenOffline],
      }),
    },
    {
      matcher: ({ url, sameOrigin }) => sameOrigin && (url.pathname.startsWith('/icons/') || /\.(?:svg|png|ico|woff2)$/.test(url.pathname)),
      handler: new CacheFirst({ cacheName: 'static-assets', plugins: [new ExpirationPlugin({ maxEntries: 64 })] }),
    },
  ],
});

serwist.addEventListeners();
