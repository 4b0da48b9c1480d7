'use client';

import { useMutation } from '@tanstack/react-query';
import { AppLink } from '@/components/ui/app-link';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { signIn } from '@/lib/client/auth';
import { safeNextPath } from '@/lib/safe-redirect';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useFormErrors } from '@/components/ui/use-form-errors';
import { checkEmail, checkRequired, collectErrors, readField } from './validation';

const FIELD_IDS = { email: 'sign-in-email', password: 'sign-in-password' };

type SignInFormProps = {
  readonly defaultEmail?: string | undefined;
  /** Where to go after signing in; already checked to be a same-site path. */
  readonly next: string;
};

export function SignInForm({ defaultEmail, next }: SignInFormProps) {
  const router = useRouter();
  const errors = useFormErrors(FIELD_IDS);
  const mutation = useMutation({
    mutationFn: signIn,
    // The session cookies are set now; the signed-in area renders on the server with them.
    onSuccess: () => router.replace(safeNextPath(next)),
    onError: errors.showError,
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = readField(data, 'email');
    const password = readField(data, 'password', { trim: false });
    const problems = collectErrors({
      email: checkEmail(email),
      password: checkRequired(password, 'Enter your password.'),
    });
    if (Object.keys(problems).length > 0) {
      errors.show(problems);
      return;
    }
    errors.clear();
    mutation.mutate({ email, password });
  }

  const unconfirmedEmail =
    errors.error?.status === 403 && errors.error.title === 'Account not confirmed' ? (mutation.variables?.email ?? '') : null;

  return (
    <form className="form" noValidate onSubmit={handleSubmit}>
      {errors.hasErrors ? (
        <FormError key={errors.attempt} message={errors.message} items={errors.items}>
          {unconfirmedEmail !== null ? (
            <p>
              <AppLink href={`/confirm?email=${encodeURIComponent(unconfirmedEmail)}`}>Confirm your account</AppLink>
            </p>
          ) : null}
        </FormError>
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
      <Field
        id={FIELD_IDS.password}
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.fields.password}
      />
      <p className="form-aside">
        <AppLink href="/forgot-password">Forgot your password?</AppLink>
      </p>
      <Button type="submit" pending={mutation.isPending || mutation.isSuccess} pendingLabel="Signing in…">
        Sign in
      </Button>
    </form>
  );
}
