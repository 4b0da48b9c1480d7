'use client';

import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { ApiError } from '@/lib/client/api';
import type { List } from '@/lib/lists/schema';
import { listInvitationsOptions } from '@/lib/query/list-sharing';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { InviteForm } from './invite-form';
import { MemberList } from './member-list';
import { roleAllows } from './rights';
import { ROLE_NAMES } from './roles';
import styles from './lists.module.css';

type ShareDialogProps = { readonly list: List; readonly open: boolean; readonly onClose: () => void };

const EXPIRY = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric' });

/**
 * Sharing a list. Its owner invites by email, sees pending invitations and manages members; anyone
 * else sees who is in it and may leave.
 */
export function ShareDialog({ list, open, onClose }: ShareDialogProps) {
  const owner = roleAllows(list.role, 'own');
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={owner ? `Share “${list.name}”` : `Members of “${list.name}”`}
      description={
        owner ? (
          <p>People you invite see this list and its tasks on every device.</p>
        ) : (
          <p>You are {ROLE_NAMES[list.role].article} of this list.</p>
        )
      }
    >
      <div className={styles.share}>
        {owner ? <InviteForm listId={list.id} listName={list.name} /> : null}
        {owner ? <PendingInvitations listId={list.id} /> : null}
        <MemberList list={list} onLeft={onClose} />
        <div className="button-row">
          <Button variant="secondary" onClick={onClose}>
            Done
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

function PendingInvitations({ listId }: { readonly listId: string }) {
  const headingId = useId();
  const query = useQuery(listInvitationsOptions(listId));
  const items = query.data ?? [];
  return (
    <section aria-labelledby={headingId} className={styles.shareSection}>
      <h3 id={headingId} className={styles.shareHeading}>
        Pending invitations
      </h3>
      {query.status === 'pending' ? (
        <p className={styles.note}>Loading invitations…</p>
      ) : query.status === 'error' ? (
        <p role="alert" className={styles.note}>
          Invitations could not be loaded. {query.error instanceof ApiError ? query.error.detail : ''}
        </p>
      ) : items.length === 0 ? (
        <p className={styles.note}>No invitations waiting for an answer.</p>
      ) : (
        <ul className={styles.people}>
          {items.map((invitation) => (
            <li key={invitation.id} className={styles.person}>
              <span className={styles.personText}>
                <span className={styles.personName}>{invitation.email}</span>
                <span className={styles.personDetail}>
                  {ROLE_NAMES[invitation.role].name} · expires {EXPIRY.format(new Date(invitation.expiresAt))}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
