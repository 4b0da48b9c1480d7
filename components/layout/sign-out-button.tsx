'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { signOut } from '@/lib/client/session';
import { ApiError } from '@/lib/client/api';
import { Button } from '@/components/ui/button';
import { useCurrentUser } from '@/components/lists/current-user';

export function SignOutButton() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const { id: userId } = useCurrentUser();

  function leave() {
    // Nothing of the signed-in person may stay in memory, in the router's cache or on the device.
    queryClient.clear();
    void import('@/lib/offline/forget-device').then(({ forgetDevice }) => forgetDevice(userId)).catch(() => undefined);
    router.replace('/sign-in');
    router.refresh();
  }

  const mutation = useMutation({
    mutationFn: signOut,
    onSuccess: leave,
    onError: (error) => {
      if (error instanceof ApiError && error.status === 401) leave();
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
