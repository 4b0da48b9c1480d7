'use client';

import { usePathname } from 'next/navigation';
import { InvitationList } from './invitation-list';

/** Invitations waiting for an answer, on every page but /invitations (which lists them itself). */
export function InvitationNotice() {
  return usePathname() === '/invitations' ? null : <InvitationList variant="notice" />;
}
