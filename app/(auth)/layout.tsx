import type { ReactNode } from 'react';
import { Brand } from '@/components/layout/brand';

/** Signed-out screens: the wordmark above one centered card. */
export default function AuthLayout({ children }: { readonly children: ReactNode }) {
  return (
    <div className="auth-shell">
      <header className="auth-header">
        <Brand />
      </header>
      <main id="main" tabIndex={-1} className="auth-main">
        <div className="card">{children}</div>
      </main>
    </div>
  );
}
