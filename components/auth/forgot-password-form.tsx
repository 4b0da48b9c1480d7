'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { forgotPassword } from '@/lib/client/auth';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useFormErrors } from '@/components/ui/use-form-errors';
import { checkEmail, collectErrors, readField } from './validation';

const FIELD_IDS = { email: 'forgot-email' };

export function ForgotPasswordForm({ defaultEmail }: { readonly defaultEmail?: string | undefined }) {
  const router = useRouter();
  const errors = useFormErrors(FIELD_IDS);
  const mutation = useMutation({
    mutationFn: forgotPassword,
    onSuccess: (_result, email) => router.push(`/reset-password?email=${encodeURIComponent(email)}`),
    onError: errors.showError,
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = readField(new FormData(event.currentTarget), 'email');
    const problems = collectErrors({ email: checkEmail(email) });
    if (Object.keys(problems).length > 0) {
      errors.show(problems);
      return;
    }
    errors.clear();
    mutation.mutate(email);
  }

  return (
    <form className="form" noValidate onSubmit={handleSubmit}>
      {errors.hasErrors ? (
        <FormError key={errors.attempt} message={errors.message} items={errors.items} />
      ) : null}
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
        defaultValue={defaultEmail}
        error={errors.fields.email}
      />
      <Button type="submit" pending={mutation.isPending || mutation.isSuccess} pendingLabel="Sending code…">
        Send reset code
      </Button>
    </form>
  );
}
