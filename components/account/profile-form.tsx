'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useFormErrors } from '@/components/ui/use-form-errors';
import { collectErrors } from '@/components/auth/validation';
import { checkName, checkTimeZone } from '@/lib/auth/profile-rules';
import { updateProfile } from '@/lib/client/auth';
import { TimeZoneField } from './time-zone-field';

const FIELD_IDS = { name: 'profile-name', timeZone: 'profile-time-zone' };

type Profile = { readonly email: string; readonly name: string | null; readonly timeZone: string | null };

/** Edits the person's name and time zone; what the page and the app shell show follows without a reload. */
export function ProfileForm({ user }: { readonly user: Profile }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState(user.name ?? '');
  // No zone saved yet means the server counts days in UTC (lib/time-zone.ts); show what is in force.
  const [timeZone, setTimeZone] = useState(user.timeZone ?? 'UTC');
  const [status, setStatus] = useState('');
  const errors = useFormErrors(FIELD_IDS);
  const mutation = useMutation({
    mutationFn: updateProfile,
    onSuccess: (saved) => {
      setName(saved.name ?? '');
      setTimeZone(saved.timeZone ?? timeZone);
      setStatus('Your profile has been saved.');
      // The layout and this page read the profile on the server: render them again with it. The zone
      // decides which tasks are due today, so every cached view is fetched again when next shown.
      router.refresh();
      void queryClient.invalidateQueries();
    },
    onError: errors.showError,
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setStatus('');
    const trimmedName = name.trim();
    const zone = timeZone.trim();
    const problems = collectErrors({ name: checkName(trimmedName), timeZone: checkTimeZone(zone) });
    if (Object.keys(problems).length > 0) {
      errors.show(problems);
      return;
    }
    errors.clear();
    mutation.mutate({ name: trimmedName === '' ? null : trimmedName, timeZone: zone });
  }

  return (
    <form className="form" noValidate onSubmit={handleSubmit} aria-label="Profile">
      {errors.hasErrors ? <FormError key={errors.attempt} message={errors.message} items={errors.items} /> : null}
      <dl className="details">
        <div>
          <dt>Email</dt>
          <dd className="break-anywhere">{user.email}</dd>
        </div>
      </dl>
      <Field
        id={FIELD_IDS.name}
        name="name"
        label="Name"
        hint="Shown to the people you share lists with."
        autoComplete="name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={errors.fields.name}
        optional
      />
      <TimeZoneField id={FIELD_IDS.timeZone} value={timeZone} onChange={setTimeZone} error={errors.fields.timeZone} />
      <Button type="submit" pending={mutation.isPending} pendingLabel="Saving…">
        Save profile
      </Button>
      <p role="status" className="status-text status-success">
        {status}
      </p>
    </form>
  );
}
