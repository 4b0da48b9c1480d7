'use client';

import { useQuery } from '@tanstack/react-query';
import { usePathname } from 'next/navigation';
import { lazy, Suspense, useState } from 'react';
import { myInvitationsOptions } from '@/lib/query/lists';

// Loaded only when an invitation is waiting: most visits have none.
const InvitationList = lazy(() => import('./invitation-list').then((module) => ({ default: module.InvitationList })));

/** Invitations waiting for an answer, on every page but /invitations (which lists them itself). */
export function InvitationNotice() {
  const pathname = usePathname();
  const { data } = useQuery(myInvitationsOptions());
  // Once shown it stays mounted, so a failed answer can still say why after the invitation left the cache.
  const [waiting, setWaiting] = useState(false);
  if (!waiting && (data?.length ?? 0) > 0) setWaiting(true);
  if (pathname === '/invitations' || !waiting) return null;
  return (
    <Suspense fallback={null}>
      <InvitationList variant="notice" />
    </Suspense>
  );
}
