import type { ReactNode } from 'react';

/** A polite, non-blocking message: success notes, progress. Announced via role="status". */
export function Notice({ tone = 'success', children }: { readonly tone?: 'success' | 'info'; readonly children: ReactNode }) {
  return (
    <div role="status" className={`notice notice-${tone}`}>
      {children}
    </div>
  );
}
