'use client';

import { useMutation } from '@tanstack/react-query';
import { signOut } from '@/lib/client/auth';
import { ApiError } from '@/lib/client/api';
import { Button } from '@/components/ui/button';

export function SignOutButton() {
  const mutation = useMutation({
    mutationFn: signOut,
    // A full page load so nothing of the signed-in session stays in memory.
    onSuccess: () => window.location.assign('/sign-in'),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 401) window.location.assign('/sign-in');
    },
  });

  return (
    <div className="sign-out">
      <Button
        variant="ghost"
        pending={mutation.isPending || mutation.isSuccess}
        pendingLabel="Signing out…"
        onClick={() => mutation.mutate()}
      >
        Sign out
      </Button>
      {mutation.isError ? (
        <p role="alert" className="sign-out-error">
          Sign out failed. Try again.
        </p>
      ) : null}
    </div>
  );
}
