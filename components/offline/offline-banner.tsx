'use client';

import { lazy, Suspense, useSyncExternalStore } from 'react';
import { outboxState, subscribeOutbox } from '@/lib/offline/outbox-state';
import { useOnline } from '@/lib/offline/use-online';
import styles from './offline.module.css';

// Loaded only when a conflict needs the person: most sessions never download it. React's lazy, not
// next/dynamic: a conflict exists only in the browser, so there is nothing to preload for the server render.
const ConflictDialog = lazy(() => import('./conflict-dialog').then((module) => ({ default: module.ConflictDialog })));

function changes(count: number): string {
  return count === 1 ? '1 change waits' : `${count} changes wait`;
}

/** Says when the device is offline and how many changes wait to be sent; hosts the conflict dialog. */
export function OfflineBanner() {
  const online = useOnline();
  const { waiting, conflict } = useSyncExternalStore(subscribeOutbox, outboxState, outboxState);
  const message = !online
    ? `You are offline. ${waiting > 0 ? `${changes(waiting)} to be sent when you are back online.` : 'Changes you make are kept and sent when you are back online.'}`
    : waiting > 0
      ? `Sending your offline changes: ${changes(waiting)}.`
      : null;
  return (
    <>
      <div role="status" className={message ? styles.banner : undefined}>
        {message}
      </div>
      {conflict ? (
        <Suspense fallback={null}>
          <ConflictDialog conflict={conflict} />
        </Suspense>
      ) : null}
    </>
  );
}
