'use client';

import { useEffect } from 'react';
import { PAGE_MATCH_OPTIONS, PAGES_CACHE } from '@/lib/pwa/caches';

/**
 * Registers /sw.js (production builds only: in development it would serve stale code). A page loaded
 * before the worker controlled the tab (the first visit, or one reached by a client-side navigation)
 * was never seen by it, so the page stores itself once: one visit is enough to open offline.
 */
export function RegisterServiceWorker() {
  useEffect(() => {
    if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return;
    // After the load event: installing precaches every static asset, which would otherwise compete
    // with the page's own scripts, requests and main thread while it is still loading.
    if (document.readyState === 'complete') {
      registerAndStorePage();
      return;
    }
    window.addEventListener('load', registerAndStorePage, { once: true });
    return () => window.removeEventListener('load', registerAndStorePage);
  }, []);
  return null;
}

function registerAndStorePage(): void {
  navigator.serviceWorker
    .register('/sw.js', { scope: '/' })
    .then(() => navigator.serviceWorker.ready)
    .then(async () => {
      if (!('caches' in window)) return;
      const url = window.location.href;
      const pages = await caches.open(PAGES_CACHE);
      if (await pages.match(url, PAGE_MATCH_OPTIONS)) return;
      const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
      if (response.ok && !response.redirected) await pages.put(url, response);
    })
    .catch((error: unknown) => console.warn('Service worker setup failed', error));
}
