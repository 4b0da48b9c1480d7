'use client';

import { createContext, use, type ReactNode } from 'react';

export type CurrentUser = { readonly id: string; readonly email: string; readonly name: string | null };

const CurrentUserContext = createContext<CurrentUser | null>(null);

/** The signed-in person as the layout verified them: who "you" is among a list's members. */
export function CurrentUserProvider({ user, children }: { readonly user: CurrentUser; readonly children: ReactNode }) {
  return <CurrentUserContext value={user}>{children}</CurrentUserContext>;
}

export function useCurrentUser(): CurrentUser {
  const user = use(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser must be used inside <CurrentUserProvider>.');
  return user;
}
