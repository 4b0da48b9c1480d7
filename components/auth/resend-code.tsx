'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';

type ResendCodeProps = {
  /** Returns the address to send to, or null after reporting why there is none. */
  readonly getEmail: () => string | null;
  readonly send: (email: string) => Promise<void>;
  readonly onError: (error: unknown) => void;
};

/** "Resend code" with a polite status line that says what happened. */
export function ResendCode({ getEmail, send, onError }: ResendCodeProps) {
  const [status, setStatus] = useState('');
  const mutation = useMutation({
    mutationFn: send,
    onMutate: () => setStatus('Sending a new code…'),
    onSuccess: (_result, email) => setStatus(`We sent a new code to ${email}.`),
    onError: (error) => {
      setStatus('');
      onError(error);
    },
  });

  return (
    <div className="resend">
      <Button
        variant="secondary"
        pending={mutation.isPending}
        pendingLabel="Sending…"
        onClick={() => {
          const email = getEmail();
          if (email !== null) mutation.mutate(email);
        }}
      >
        Resend code
      </Button>
      <p role="status" className="resend-status">
        {status}
      </p>
    </div>
  );
}
