'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { useCurrentUser } from '@/components/lists/current-user';
import { signInHref } from '@/lib/client/api';
import { activityKeys } from '@/lib/query/activity';
import { isSigningOut } from '@/lib/client/session';
import { outboxState, setOutboxOwner } from '@/lib/offline/outbox-state';
import { createActivityFollowUp } from '@/lib/sync-client/activity-follow-up';
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
    setOutboxOwner(userId);
    const runner = createSyncRunner(queryClient, userId);
    const outbox = import('@/lib/offline/outbox');
    const ready = outbox.then((module) => module.openOutbox(userId)).catch(() => 0);
    // Offline, the caches start from the device's copy and the changes still waiting; online, the first sync refreshes them.
    if (!navigator.onLine) {
      void import('@/lib/offline/hydrate')
        .then(({ hydrateFromDevice }) => hydrateFromDevice(queryClient, userId))
        .then(() => ready)
        .then(async () => (await outbox).showWaitingChanges(queryClient))
        .catch(() => undefined);
    }
    /** Waiting changes go first (in order), then the sync brings everything else. */
    const catchUp = async () => {
      await ready;
      if (outboxState().waiting > 0) await (await outbox).replayOutbox(queryClient).catch(() => undefined);
      await runner.request();
    };
    const activity = createActivityFollowUp(() => void queryClient.invalidateQueries({ queryKey: activityKeys.all }));
    const close = openLiveConnection({
      onChange: () => {
        activity.changed();
        void catchUp();
      },
      beforeReconnect: catchUp,
      signedOut: runner.signedOut,
      // A full load, as for any ended session: nothing of it stays in memory. A sign-out asked for
      // here is on its way already (its own stream heard it end).
      onSignedOut: () => {
        if (!isSigningOut()) window.location.assign(signInHref());
      },
    });
    return () => {
      close();
      activity.stop();
    };
  }, [queryClient, userId]);

  return (
    <span role="status" className={styles.indicator} data-status={status}>
      <span aria-hidden="true" className={styles.dot} />
      {LABELS[status]}
    </span>
  );
}
