import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { AppLink } from '@/components/ui/app-link';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { Brand } from '@/components/layout/brand';
import { NavLink } from '@/components/layout/nav-link';
import { NotificationBell } from '@/components/notifications/bell';
import { SignOutButton } from '@/components/layout/sign-out-button';
import { CurrentUserProvider } from '@/components/lists/current-user';
import { InvitationNotice } from '@/components/lists/invitation-notice';
import { ListSidebar } from '@/components/lists/list-sidebar';
import { ListsDrawer } from '@/components/lists/lists-drawer';
import { LiveSync } from '@/components/live/live-sync';
import { OfflineBanner } from '@/components/offline/offline-banner';
import { GlobalShortcuts } from '@/components/shortcuts/global-shortcuts';
import { ShortcutsButton } from '@/components/shortcuts/shortcuts-button';
import { TimeZoneCookie } from '@/components/layout/time-zone-cookie';
import { getCurrentUser } from '@/lib/auth/session';
import { invitationsFor } from '@/lib/lists/invitations';
import { listsForUser } from '@/lib/lists/service';
import { listsOptions, myInvitationsOptions } from '@/lib/query/lists';
import { prefetch } from '@/lib/query/prefetch';

/** The signed-in area. proxy.ts redirects earlier (keeping ?next); this is the check that counts. */
export default async function AppLayout({ children }: { readonly children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in');

  // The sidebar and the invitation notice paint with the page instead of popping in after it.
  const queryClient = new QueryClient();
  await Promise.all([
    prefetch(() => listsForUser(user), (lists) => queryClient.setQueryData(listsOptions().queryKey, lists), 'lists'),
    prefetch(() => invitationsFor(user.email), (items) => queryClient.setQueryData(myInvitationsOptions().queryKey, items), 'invitations'),
  ]);

  return (
    <CurrentUserProvider user={{ id: user.id, email: user.email, name: user.name }}>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <div className="app-shell">
          <header className="app-header">
            <div className="app-header-inner">
              <div className="app-header-start">
                <ListsDrawer />
                <AppLink href="/" className="brand-link">
                  <Brand />
                </AppLink>
              </div>
              <nav aria-label="Main" className="app-nav">
                <LiveSync />
                <NotificationBell />
                <NavLink href="/activity">Activity</NavLink>
                <NavLink href="/account">Account</NavLink>
                <SignOutButton />
              </nav>
            </div>
          </header>
          <div className="app-body">
            <div className="app-sidebar">
              <ListSidebar />
              <ShortcutsButton />
            </div>
            <main id="main" tabIndex={-1} className="app-main">
              <OfflineBanner />
              <InvitationNotice />
              {children}
            </main>
          </div>
          <GlobalShortcuts />
          <TimeZoneCookie />
        </div>
      </HydrationBoundary>
    </CurrentUserProvider>
  );
}
