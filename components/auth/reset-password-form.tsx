'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useRef, type FormEvent } from 'react';
import { forgotPassword, resetPassword } from '@/lib/client/auth';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useFormErrors } from '@/components/ui/use-form-errors';
import { ResendCode } from './resend-code';
import { PASSWORD_RULES, checkCode, checkEmail, checkNewPassword, collectErrors, readField } from './validation';

const FIELD_IDS = { email: 'reset-email', code: 'reset-code', newPassword: 'reset-new-password' };

/** Sets a new password with the emailed code. Without a known email, asks for it too. */
export function ResetPasswordForm({ email: knownEmail }: { readonly email?: string | undefined }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFormErrors(FIELD_IDS);
  const mutation = useMutation({
    mutationFn: resetPassword,
    onSuccess: (_result, { email }) => router.push(`/sign-in?email=${encodeURIComponent(email)}&reset=1`),
    onError: errors.showError,
  });

  function currentEmail(): string {
    if (knownEmail) return knownEmail;
    return formRef.current ? readField(new FormData(formRef.current), 'email') : '';
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = currentEmail();
    const code = readField(data, 'code');
    const newPassword = readField(data, 'newPassword', { trim: false });
    const problems = collectErrors({
      email: checkEmail(email),
      code: checkCode(code),
      newPassword: checkNewPassword(newPassword),
    });
    if (Object.keys(problems).length > 0) {
      errors.show(problems);
      return;
    }
    errors.clear();
    mutation.mutate({ email, code, newPassword });
  }

  function emailForResend(): string | null {
    const email = currentEmail();
    const problem = checkEmail(email);
    if (problem === undefined) return email;
    errors.show({ email: problem });
    return null;
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      {errors.hasErrors ? (
        <FormError key={errors.attempt} message={errors.message} items={errors.items} />
      ) : null}
      {knownEmail ? (
        <>
          <p>
            If an account exists for <strong className="break-anywhere">{knownEmail}</strong>, we sent a code to it.
            Enter the code and choose a new password.
          </p>
          {/* Lets password managers save the new password against the right account. */}
          <input type="email" name="username" autoComplete="username" value={knownEmail} readOnly hidden />
        </>
      ) : (
        <Field
          id={FIELD_IDS.email}
          name="email"
          label="Email"
          type="email"
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          autoCapitalize="none"
          required
          error={errors.fields.email}
        />
      )}
      <Field
        id={FIELD_IDS.code}
        name="code"
        label="Reset code"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        spellCheck={false}
        required
        className="field-code"
        error={errors.fields.code}
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
      <Button type="submit" pending={mutation.isPending || mutation.isSuccess} pendingLabel="Resetting password…">
        Reset password
      </Button>
      <ResendCode getEmail={emailForResend} send={forgotPassword} onError={errors.showError} />
    </form>
  );
}
