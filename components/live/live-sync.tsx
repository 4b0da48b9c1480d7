'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { useCurrentUser } from '@/components/lists/current-user';
import { openLiveConnection } from '@/lib/sync-client/live-connection';
import { liveStatus, subscribeLiveStatus, type LiveStatus } from '@/lib/sync-client/live-status';
import { createSyncRunner } from '@/lib/sync-client/sync-runner';
import styles from './live.module.css';

const LABELS: Record<LiveStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

/** Keeps this tab in sync (live events → sync → caches) and shows how the connection is. */
export function LiveSync() {
  const queryClient = useQueryClient();
  const { id: userId } = useCurrentUser();
  const status = useSyncExternalStore(subscribeLiveStatus, liveStatus, () => 'connecting' as const);

  useEffect(() => {
    const runner = createSyncRunner(queryClient, userId);
    // Offline, the caches start from the device's copy; online, the first sync refreshes them.
    if (!navigator.onLine) void import('@/lib/offline/hydrate').then(({ hydrateFromDevice }) => hydrateFromDevice(queryClient, userId));
    return openLiveConnection({
      onChange: () => void runner.request(),
      beforeReconnect: runner.request,
      // A full load, as for any ended session: nothing of it stays in memory.
      onSessionEnded: () => window.location.assign(new URL('/sign-in', window.location.origin).href),
    });
  }, [queryClient, userId]);

  return (
    <span role="status" className={styles.indicator} data-status={status}>
      <span aria-hidden="true" className={styles.dot} />
      {LABELS[status]}
    </span>
  );
}
