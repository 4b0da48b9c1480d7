'use client';

import { createContext, useContext, type ReactNode } from 'react';

/** Who is looking: the signed-in person's id, so shared content can say "you" or name the others. */
const ViewerContext = createContext<string | null>(null);

export function ViewerProvider({ userId, children }: { readonly userId: string; readonly children: ReactNode }) {
  return <ViewerContext.Provider value={userId}>{children}</ViewerContext.Provider>;
}

export function useViewerId(): string | null {
  return useContext(ViewerContext);
}
