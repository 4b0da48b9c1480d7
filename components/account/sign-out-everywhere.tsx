'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { ApiError } from '@/lib/client/api';
import { signOutEverywhere } from '@/lib/client/session';

/** Ends every session of the account: a lost phone, a shared computer. This device signs out too. */
export function SignOutEverywhere() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const leave = () => {
    queryClient.clear();
    router.replace('/sign-in');
    router.refresh();
  };
  const mutation = useMutation({
    mutationFn: signOutEverywhere,
    onSuccess: leave,
    onError: (error) => {
      if (error instanceof ApiError && error.status === 401) leave();
    },
  });
  return (
    <>
      <p>Signed in on a device you no longer have, or on a shared computer? End every session of your account at once, this one included.</p>
      <Button variant="secondary" pending={mutation.isPending || mutation.isSuccess} pendingLabel="Signing out everywhere…" onClick={() => mutation.mutate()}>
        Sign out everywhere
      </Button>
      {mutation.isError && !(mutation.error instanceof ApiError && mutation.error.status === 401) ? (
        <p role="alert" className="form-error">
          That did not work. Try again.
        </p>
      ) : null}
    </>
  );
}
