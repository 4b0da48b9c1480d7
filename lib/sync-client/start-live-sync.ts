import type { QueryClient } from '@tanstack/react-query';
import { signInHref } from '@/lib/client/api';
import { isSigningOut } from '@/lib/client/session';
import { outboxState } from '@/lib/offline/outbox-state';
import { activityKeys } from '@/lib/query/activity';
import { createActivityFollowUp } from './activity-follow-up';
import { openLiveConnection } from './live-connection';
import { createSyncRunner } from './sync-runner';

/**
 * Keeps one tab in sync: live events → waiting offline changes first → sync → caches, and the open
 * activity views following each change. Loaded by components/live/live-sync.tsx after the first paint,
 * which needs none of it. Returns the stop.
 */
export function startLiveSync(queryClient: QueryClient, userId: string): () => void {
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
    // A full load, as for any ended session: nothing of it stays in memory. A sign-out asked for here
    // is on its way already (its own stream heard the session end).
    onSignedOut: () => {
      if (!isSigningOut()) window.location.assign(signInHref());
    },
  });
  return () => {
    close();
    activity.stop();
  };
}
