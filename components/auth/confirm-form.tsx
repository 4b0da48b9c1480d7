'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useRef, type FormEvent } from 'react';
import { confirmSignUp, resendCode } from '@/lib/client/auth';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useFormErrors } from '@/components/ui/use-form-errors';
import { ResendCode } from './resend-code';
import { checkCode, checkEmail, collectErrors, readField } from './validation';

const FIELD_IDS = { email: 'confirm-email', code: 'confirm-code' };

/** Confirms a new account with the emailed code. Without a known email, asks for it too. */
export function ConfirmForm({ email: knownEmail }: { readonly email?: string | undefined }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFormErrors(FIELD_IDS);
  const mutation = useMutation({
    mutationFn: confirmSignUp,
    onSuccess: (_result, { email }) => router.push(`/sign-in?email=${encodeURIComponent(email)}&confirmed=1`),
    onError: errors.showError,
  });

  function currentEmail(): string {
    if (knownEmail) return knownEmail;
    return formRef.current ? readField(new FormData(formRef.current), 'email') : '';
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = currentEmail();
    const code = readField(new FormData(event.currentTarget), 'code');
    const problems = collectErrors({ email: checkEmail(email), code: checkCode(code) });
    if (Object.keys(problems).length > 0) {
      errors.show(problems);
      return;
    }
    errors.clear();
    mutation.mutate({ email, code });
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
        <p>
          We sent a code to <strong className="break-anywhere">{knownEmail}</strong>. Enter it below to confirm your
          account.
        </p>
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
        label="Confirmation code"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        spellCheck={false}
        required
        className="field-code"
        error={errors.fields.code}
      />
      <Button type="submit" pending={mutation.isPending || mutation.isSuccess} pendingLabel="Confirming…">
        Confirm account
      </Button>
      <ResendCode getEmail={emailForResend} send={resendCode} onError={errors.showError} />
    </form>
  );
}
