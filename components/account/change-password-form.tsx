'use client';

import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { changePassword } from '@/lib/client/auth';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useFormErrors } from '@/components/ui/use-form-errors';
import { PASSWORD_RULES, checkNewPassword, checkRequired, collectErrors, readField } from '@/components/auth/validation';

const FIELD_IDS = { oldPassword: 'change-old-password', newPassword: 'change-new-password' };

export function ChangePasswordForm({ email }: { readonly email: string }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [status, setStatus] = useState('');
  const errors = useFormErrors(FIELD_IDS);
  const mutation = useMutation({
    mutationFn: changePassword,
    onSuccess: () => {
      formRef.current?.reset();
      setStatus('Your password has been changed.');
    },
    onError: errors.showError,
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setStatus('');
    const data = new FormData(event.currentTarget);
    const oldPassword = readField(data, 'oldPassword', { trim: false });
    const newPassword = readField(data, 'newPassword', { trim: false });
    const problems = collectErrors({
      oldPassword: checkRequired(oldPassword, 'Enter your current password.'),
      newPassword:
        checkNewPassword(newPassword) ??
        (newPassword === oldPassword ? 'Choose a password different from the current one.' : undefined),
    });
    if (Object.keys(problems).length > 0) {
      errors.show(problems);
      return;
    }
    errors.clear();
    mutation.mutate({ oldPassword, newPassword });
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      {errors.hasErrors ? (
        <FormError key={errors.attempt} message={errors.message} items={errors.items} />
      ) : null}
      {/* Lets password managers update the saved password of the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field
        id={FIELD_IDS.oldPassword}
        name="oldPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.fields.oldPassword}
      />
      <Field
        id={FIELD_IDS.newPassword}
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={PASSWORD_RULES}
        required
        error={errors.fields.newPassword}
      />
      <Button type="submit" pending={mutation.isPending} pendingLabel="Changing password…">
        Change password
      </Button>
      <p role="status" className="status-text status-success">
        {status}
      </p>
    </form>
  );
}
