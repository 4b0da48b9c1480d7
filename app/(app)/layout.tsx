import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { Brand } from '@/components/layout/brand';
import { NavLink } from '@/components/layout/nav-link';
import { SignOutButton } from '@/components/layout/sign-out-button';
import { ViewerProvider } from '@/components/layout/viewer';
import { getCurrentUser } from '@/lib/auth/session';

/** The signed-in area. proxy.ts redirects earlier (keeping ?next); this is the check that counts. */
export default async function AppLayout({ children }: { readonly children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in');

  return (
    <div className="app-shell">
      <header className="app-header">
        <div className="app-header-inner">
          <Link href="/" className="brand-link">
            <Brand />
          </Link>
          <nav aria-label="Main" className="app-nav">
            <NavLink href="/activity">Activity</NavLink>
            <NavLink href="/account">Account</NavLink>
            <SignOutButton />
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        <ViewerProvider userId={user.id}>{children}</ViewerProvider>
      </main>
    </div>
  );
}
