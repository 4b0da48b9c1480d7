'use client';

import { useSyncExternalStore } from 'react';
import { localToday } from './dates';

function subscribeToClock(onChange: () => void): () => void {
  const interval = window.setInterval(onChange, 60_000);
  document.addEventListener('visibilitychange', onChange);
  return () => {
    window.clearInterval(interval);
    document.removeEventListener('visibilitychange', onChange);
  };
}

/**
 * The viewer's date, moving on at midnight and when the tab comes back; during hydration the server's
 * guess (from the time-zone cookie or the profile) so the HTML matches, null when it had none.
 */
export function useToday(serverToday: string | null): string | null {
  return useSyncExternalStore(subscribeToClock, localToday, () => serverToday);
}
