'use client';

import { AppLink } from '@/components/ui/app-link';
import { useEffect } from 'react';
import { Button } from '@/components/ui/button';

export default function ErrorPage({ error, retry }: { readonly error: unknown; readonly retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  const reference = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : null;

  return (
    <main id="main" tabIndex={-1} className="page-center">
      <div className="card" role="alert">
        <h1>Something went wrong</h1>
        <p>This page could not be shown. Try again, and if it keeps happening, come back in a few minutes.</p>
        {reference ? <p className="muted">Reference: {reference}</p> : null}
        <div className="button-row">
          <Button onClick={() => retry()}>Try again</Button>
          <AppLink href="/" className="button button-secondary">
            Go to your tasks
          </AppLink>
        </div>
      </div>
    </main>
  );
}
