'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { deleteAccount } from '@/lib/client/auth';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { FormError } from '@/components/ui/form-error';
import { useFormErrors } from '@/components/ui/use-form-errors';

const CONFIRM_ID = 'delete-confirmation';
const FIELD_IDS = { confirmation: CONFIRM_ID };

/** "Delete account" behind a dialog that only arms once the person types DELETE or their email. */
export function DeleteAccount({ email }: { readonly email: string }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const router = useRouter();
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELD_IDS);
  const mutation = useMutation({
    mutationFn: deleteAccount,
    onSuccess: () => {
      // The account is gone: drop everything cached for it before leaving.
      queryClient.clear();
      router.replace('/sign-in?deleted=1');
      router.refresh();
    },
    onError: errors.showError,
  });

  const answer = typed.trim();
  const armed = answer === 'DELETE' || answer.toLowerCase() === email.toLowerCase();
  const busy = mutation.isPending || mutation.isSuccess;

  function openDialog() {
    setTyped('');
    errors.clear();
    setOpen(true);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!armed || busy) return;
    errors.clear();
    mutation.mutate();
  }

  return (
    <>
      <Button variant="danger" onClick={openDialog}>
        Delete account…
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        dismissible={!busy}
        title="Delete your account?"
        description={
          <p>
            This permanently deletes your account, all your tasks and their attachments. It cannot be undone.
          </p>
        }
      >
        <form className="form" noValidate onSubmit={handleSubmit}>
          {errors.hasErrors ? (
            <FormError key={errors.attempt} message={errors.message} items={errors.items} />
          ) : null}
          <div className="field">
            <label htmlFor={CONFIRM_ID} className="field-label">
              Type DELETE or your email address to confirm
            </label>
            <input
              id={CONFIRM_ID}
              name="confirmation"
              className="input"
              type="text"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              data-autofocus
            />
          </div>
          <div className="button-row">
            <Button type="submit" variant="danger" disabled={!armed} pending={busy} pendingLabel="Deleting account…">
              Delete account
            </Button>
            <Button variant="secondary" disabled={busy} onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
