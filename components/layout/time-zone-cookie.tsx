'use client';

import { useEffect } from 'react';
import { TIME_ZONE_COOKIE } from '@/components/tasks/dates';
import { deviceTimeZone } from '@/lib/client/device-time-zone';

/** How long the cookie may wait for an idle moment before it is written anyway. */
const IDLE_TIMEOUT_MS = 2000;

function rememberTimeZone(): void {
  const zone = deviceTimeZone();
  const cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}`;
  if (zone && !document.cookie.split('; ').includes(cookie)) {
    document.cookie = `${cookie}; path=/; max-age=31536000; samesite=lax`;
  }
}

/**
 * Keeps the time-zone cookie on the device's zone, so the server renders "today" and due badges as this
 * browser would, whichever page is opened first. Asking for the zone builds the page's first Intl formatter,
 * which costs a phone (4× slower CPU) about 60 ms: done when the browser is idle, not amid hydration.
 */
export function TimeZoneCookie() {
  useEffect(() => {
    if (typeof window.requestIdleCallback !== 'function') {
      const timer = window.setTimeout(rememberTimeZone, IDLE_TIMEOUT_MS);
      return () => window.clearTimeout(timer);
    }
    const handle = window.requestIdleCallback(rememberTimeZone, { timeout: IDLE_TIMEOUT_MS });
    return () => window.cancelIdleCallback(handle);
  }, []);
  return null;
}
