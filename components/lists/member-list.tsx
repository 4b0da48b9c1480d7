'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { ApiError } from '@/lib/client/api';
import type { GrantableRole, List, Member } from '@/lib/lists/schema';
import { changeMemberRoleMutation, membersOptions, removeMemberMutation } from '@/lib/query/list-sharing';
import { dropList, invalidateListsAndTasks } from '@/lib/query/lists';
import { Button } from '@/components/ui/button';
import { useCurrentUser } from './current-user';
import { roleAllows } from './rights';
import { ROLE_NAMES } from './roles';
import styles from './lists.module.css';

function detailOf(error: Error): string {
  return error instanceof ApiError ? error.detail : 'Try again in a moment.';
}

/** Who is in a list. The owner changes roles and removes people; anyone else may leave. */
export function MemberList({ list, onLeft }: { readonly list: List; readonly onLeft: () => void }) {
  const me = useCurrentUser();
  const router = useRouter();
  const queryClient = useQueryClient();
  const headingId = useId();
  const owner = roleAllows(list.role, 'own');
  const query = useQuery(membersOptions(list.id));
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const roleBase = useMemo(() => changeMemberRoleMutation(queryClient, list.id), [queryClient, list.id]);
  const changeRole = useMutation({
    ...roleBase,
    onError: (error, variables, result, context) => {
      void roleBase.onError?.(error, variables, result, context);
      setProblem(`${variables.member.email} is still ${ROLE_NAMES[variables.member.role].article}. ${detailOf(error)}`);
    },
  });
  const removeBase = useMemo(() => removeMemberMutation(queryClient, list.id), [queryClient, list.id]);
  const remove = useMutation({
    ...removeBase,
    onError: (error, member, result, context) => {
      void removeBase.onError?.(error, member, result, context);
      const who = member.userId === me.id ? 'You could not leave the list.' : `${member.email} could not be removed.`;
      setProblem(`${who} ${detailOf(error)}`);
    },
  });

  function removeMember(member: Member) {
    setProblem(null);
    setConfirming(null);
    const leaving = member.userId === me.id;
    remove.mutate(member, {
      onSuccess: () => {
        if (!leaving) return;
        dropList(queryClient, list.id);
        void invalidateListsAndTasks(queryClient);
        onLeft();
        router.push('/');
      },
    });
  }

  const members = query.data ?? [];
  return (
    <section aria-labelledby={headingId} className={styles.shareSection}>
      <h3 id={headingId} className={styles.shareHeading}>
        Members
      </h3>
      {problem ? (
        <p role="alert" className={styles.problem}>
          {problem}
        </p>
      ) : null}
      {query.status === 'pending' ? (
        <p className={styles.note}>Loading members…</p>
      ) : query.status === 'error' ? (
        <div role="alert" className={styles.problem}>
          <p>The members could not be loaded. {detailOf(query.error)}</p>
          <Button variant="secondary" onClick={() => void query.refetch()}>
            Retry
          </Button>
        </div>
      ) : (
        <ul className={styles.people}>
          {members.map((member) => (
            <MemberRow
              key={member.userId}
              member={member}
              you={member.userId === me.id}
              manage={owner && member.role !== 'owner'}
              listName={list.name}
              confirming={confirming === member.userId}
              onConfirm={() => setConfirming(member.userId)}
              onCancel={() => setConfirming(null)}
              onRemove={() => removeMember(member)}
              onRole={(role) => {
                setProblem(null);
                changeRole.mutate({ member, role });
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

type MemberRowProps = {
  readonly member: Member;
  readonly you: boolean;
  /** The owner looking at someone else: role select and Remove. */
  readonly manage: boolean;
  readonly listName: string;
  readonly confirming: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  readonly onRemove: () => void;
  readonly onRole: (role: GrantableRole) => void;
};

function MemberRow({ member, you, manage, listName, confirming, onConfirm, onCancel, onRemove, onRole }: MemberRowProps) {
  const roleId = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  const leaves = you && member.role !== 'owner';

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) askRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const label = member.name ?? member.email;
  return (
    <li className={styles.person}>
      <span className={styles.personText}>
        <span className={styles.personName}>
          {label}
          {you ? <span className={styles.personYou}> (you)</span> : null}
        </span>
        {member.name ? <span className={styles.personDetail}>{member.email}</span> : null}
      </span>
      {confirming ? (
        <div className={styles.confirm}>
          <p className={styles.confirmText}>
            {leaves ? `Leave “${listName}”? You lose its tasks until you are invited again.` : `Remove ${member.email} from “${listName}”?`}
          </p>
          <div className="button-row">
            <Button ref={confirmRef} variant="danger" onClick={onRemove}>
              {leaves ? 'Leave list' : 'Remove'}
            </Button>
            <Button variant="secondary" onClick={onCancel}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <span className={styles.personActions}>
          {manage ? (
            <>
              <label htmlFor={roleId} className="visually-hidden">
                Role of {member.email}
              </label>
              <select
                id={roleId}
                className={`input ${styles.roleSelect}`}
                value={member.role}
                onChange={(event) => onRole(event.target.value as GrantableRole)}
              >
                <option value="editor">{ROLE_NAMES.editor.name}</option>
                <option value="viewer">{ROLE_NAMES.viewer.name}</option>
              </select>
              <Button ref={askRef} variant="ghost" onClick={onConfirm}>
                Remove<span className="visually-hidden"> {member.email}</span>
              </Button>
            </>
          ) : (
            <span className={styles.personRole}>{ROLE_NAMES[member.role].name}</span>
          )}
          {leaves ? (
            <Button ref={askRef} variant="secondary" onClick={onConfirm}>
              Leave list
            </Button>
          ) : null}
        </span>
      )}
    </li>
  );
}
