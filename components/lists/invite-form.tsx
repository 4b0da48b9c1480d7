'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState, type FormEvent } from 'react';
import type { GrantableRole } from '@/lib/lists/schema';
import { inviteMutation } from '@/lib/query/list-sharing';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { useFormErrors } from '@/components/ui/use-form-errors';
import { ROLE_NAMES } from './roles';
import styles from './lists.module.css';

/** The browser's own check, so a slip never leaves it; the server decides. */
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Invites someone by email as an editor or a viewer (owner). */
export function InviteForm({ listId, listName }: { readonly listId: string; readonly listName: string }) {
  const queryClient = useQueryClient();
  const idPrefix = useId();
  const ids = useMemo(() => ({ email: `${idPrefix}-email`, role: `${idPrefix}-role` }), [idPrefix]);
  const errors = useFormErrors(ids);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<GrantableRole>('editor');
  const [confirmation, setConfirmation] = useState('');
  const mutation = useMutation({ ...inviteMutation(queryClient, listId), onError: errors.showError });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const address = email.trim();
    setConfirmation('');
    if (!LOOKS_LIKE_EMAIL.test(address)) {
      errors.show({ email: address === '' ? 'Enter the email address of the person to invite.' : 'Enter an email address like sam@example.com.' });
      return;
    }
    errors.clear();
    mutation.mutate(
      { email: address, role },
      {
        onSuccess: (invitation) => {
          setEmail('');
          setConfirmation(`Invited ${invitation.email} to “${listName}” as ${ROLE_NAMES[invitation.role].article}. They get an email with a link.`);
          document.getElementById(ids.email)?.focus();
        },
      },
    );
  }

  const emailError = errors.fields.email;
  return (
    <form className={`form ${styles.inviteForm}`} aria-label="Invite someone" noValidate onSubmit={handleSubmit}>
      {errors.hasErrors ? <FormError key={errors.attempt} message={errors.message} items={errors.items} /> : null}
      <div className={styles.inviteRow}>
        <div className={['field', emailError ? 'field-invalid' : null].filter(Boolean).join(' ')}>
          <label htmlFor={ids.email} className="field-label">
            Email address
          </label>
          {emailError ? (
            <p id={`${ids.email}-error`} className="field-error">
              <span className="visually-hidden">Error: </span>
              {emailError}
            </p>
          ) : null}
          <input
            id={ids.email}
            name="email"
            type="email"
            className="input"
            autoComplete="off"
            spellCheck={false}
            maxLength={254}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            aria-invalid={emailError ? true : undefined}
            aria-describedby={emailError ? `${ids.email}-error` : undefined}
            data-autofocus
          />
        </div>
        <div className="field">
          <label htmlFor={ids.role} className="field-label">
            Role
          </label>
          <select id={ids.role} name="role" className="input" value={role} onChange={(event) => setRole(event.target.value as GrantableRole)}>
            <option value="editor">{ROLE_NAMES.editor.name}</option>
            <option value="viewer">{ROLE_NAMES.viewer.name}</option>
          </select>
        </div>
        <Button type="submit" className={styles.inviteButton} pending={mutation.isPending} pendingLabel="Inviting…">
          Invite
        </Button>
      </div>
      <p className="field-hint">Editors can add, change, complete and delete tasks. Viewers can only see them.</p>
      <p role="status" className={styles.formStatus}>
        {confirmation}
      </p>
    </form>
  );
}
