'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { ApiError } from '@/lib/client/api';
import type { Invitation } from '@/lib/lists/schema';
import { acceptInvitationMutation, declineInvitationMutation, myInvitationsOptions } from '@/lib/query/lists';
import { Button } from '@/components/ui/button';
import { ROLE_NAMES } from './roles';
import styles from './lists.module.css';

export function invitationText(invitation: Invitation): string {
  return `${invitation.invitedBy} invited you to “${invitation.listName}” as ${ROLE_NAMES[invitation.role].article}.`;
}

function detailOf(error: Error): string {
  return error instanceof ApiError ? error.detail : 'Try again in a moment.';
}

/** The person's invitations with Accept and Decline; an accepted list opens at once. */
export function useInvitationAnswers() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const acceptBase = useMemo(() => acceptInvitationMutation(queryClient), [queryClient]);
  const accept = useMutation({
    ...acceptBase,
    onSuccess: (list, invitation, result, context) => {
      void acceptBase.onSuccess?.(list, invitation, result, context);
      router.push(`/lists/${encodeURIComponent(list.id)}`);
    },
    onError: (error, invitation, result, context) => {
      void acceptBase.onError?.(error, invitation, result, context);
      setProblem(`You could not join “${invitation.listName}”. ${detailOf(error)}`);
    },
  });
  const declineBase = useMemo(() => declineInvitationMutation(queryClient), [queryClient]);
  const decline = useMutation({
    ...declineBase,
    onError: (error, invitation, result, context) => {
      void declineBase.onError?.(error, invitation, result, context);
      setProblem(`The invitation to “${invitation.listName}” could not be declined. ${detailOf(error)}`);
    },
  });
  return {
    problem,
    dismiss: () => setProblem(null),
    accept: (invitation: Invitation) => {
      setProblem(null);
      accept.mutate(invitation);
    },
    decline: (invitation: Invitation) => {
      setProblem(null);
      decline.mutate(invitation);
    },
  };
}

type InvitationListProps = {
  /** The shell's notice shows nothing when there is nothing; the page says so. */
  readonly variant: 'notice' | 'page';
};

export function InvitationList({ variant }: InvitationListProps) {
  const query = useQuery(myInvitationsOptions());
  const answers = useInvitationAnswers();
  const items = query.data ?? [];

  if (variant === 'page' && query.status === 'pending') return <p role="status">Loading invitations…</p>;
  if (variant === 'page' && query.status === 'error' && !query.data) {
    return (
      <div role="alert" className={styles.problem}>
        <p>Your invitations could not be loaded. {detailOf(query.error)}</p>
        <Button variant="secondary" onClick={() => void query.refetch()}>
          Retry
        </Button>
      </div>
    );
  }

  if (variant === 'notice' && items.length === 0 && !answers.problem) return null;
  const content = (
    <>
      {answers.problem ? (
        <div role="alert" className={styles.problem}>
          <p>{answers.problem}</p>
          <Button variant="ghost" onClick={answers.dismiss}>
            Dismiss<span className="visually-hidden"> this message</span>
          </Button>
        </div>
      ) : null}
      {items.length === 0 ? (
        variant === 'page' ? <p className="empty-state">No invitations are waiting for you.</p> : null
      ) : (
        <ul className={styles.invitations}>
          {items.map((invitation) => (
            <li key={invitation.id} className={styles.invitation}>
              <p className={styles.invitationText}>{invitationText(invitation)}</p>
              <div className={styles.invitationActions}>
                <Button onClick={() => answers.accept(invitation)}>
                  Accept<span className="visually-hidden"> the invitation to “{invitation.listName}”</span>
                </Button>
                <Button variant="secondary" onClick={() => answers.decline(invitation)}>
                  Decline<span className="visually-hidden"> the invitation to “{invitation.listName}”</span>
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
  return variant === 'notice' ? (
    <section aria-label="Invitations" className={styles.notice}>
      {content}
    </section>
  ) : (
    content
  );
}
