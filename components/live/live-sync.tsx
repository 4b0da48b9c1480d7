'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { useCurrentUser } from '@/components/lists/current-user';
import { setOutboxOwner } from '@/lib/offline/outbox-state';
import { liveStatus, subscribeLiveStatus, type LiveStatus } from '@/lib/sync-client/live-status';
import styles from './live.module.css';

const LABELS: Record<LiveStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

/** Keeps this tab in sync (lib/sync-client/start-live-sync.ts, loaded after the first paint) and shows how the connection is. */
export function LiveSync() {
  const queryClient = useQueryClient();
  const { id: userId } = useCurrentUser();
  const status = useSyncExternalStore(subscribeLiveStatus, liveStatus, () => 'connecting' as const);

  useEffect(() => {
    setOutboxOwner(userId);
    let stop: (() => void) | null = null;
    let unmounted = false;
    void import('@/lib/sync-client/start-live-sync').then(({ startLiveSync }) => {
      if (!unmounted) stop = startLiveSync(queryClient, userId);
    });
    return () => {
      unmounted = true;
      stop?.();
    };
  }, [queryClient, userId]);

  return (
    <span role="status" className={styles.indicator} data-status={status}>
      <span aria-hidden="true" className={styles.dot} />
      {LABELS[status]}
    </span>
  );
}
