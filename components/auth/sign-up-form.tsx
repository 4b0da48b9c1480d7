'use client';

import { useMutation } from '@tanstack/react-query';
import { AppLink } from '@/components/ui/app-link';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { signUp } from '@/lib/client/auth';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useFormErrors } from '@/components/ui/use-form-errors';
import { PASSWORD_RULES, checkEmail, checkNewPassword, collectErrors, readField } from './validation';

const FIELD_IDS = { name: 'sign-up-name', email: 'sign-up-email', password: 'sign-up-password' };

export function SignUpForm() {
  const router = useRouter();
  const errors = useFormErrors(FIELD_IDS);
  const mutation = useMutation({
    mutationFn: signUp,
    onSuccess: ({ userConfirmed }, { email }) => {
      const query = `email=${encodeURIComponent(email)}`;
      router.push(userConfirmed ? `/sign-in?${query}&confirmed=1` : `/confirm?${query}`);
    },
    onError: errors.showError,
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = readField(data, 'name');
    const email = readField(data, 'email');
    const password = readField(data, 'password', { trim: false });
    const problems = collectErrors({ email: checkEmail(email), password: checkNewPassword(password) });
    if (Object.keys(problems).length > 0) {
      errors.show(problems);
      return;
    }
    errors.clear();
    mutation.mutate({ email, password, ...(name === '' ? {} : { name }) });
  }

  const existingEmail = errors.error?.status === 409 ? (mutation.variables?.email ?? '') : null;

  return (
    <form className="form" noValidate onSubmit={handleSubmit}>
      {errors.hasErrors ? (
        <FormError key={errors.attempt} message={errors.message} items={errors.items}>
          {existingEmail !== null ? (
            <p>
              <AppLink href={`/sign-in?email=${encodeURIComponent(existingEmail)}`}>Sign in instead</AppLink>
            </p>
          ) : null}
        </FormError>
      ) : null}
      <Field
        id={FIELD_IDS.name}
        name="name"
        label="Name"
        optional
        type="text"
        autoComplete="name"
        error={errors.fields.name}
      />
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
      <Field
        id={FIELD_IDS.password}
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={PASSWORD_RULES}
        required
        error={errors.fields.password}
      />
      <Button type="submit" pending={mutation.isPending || mutation.isSuccess} pendingLabel="Creating account…">
        Create account
      </Button>
    </form>
  );
}
