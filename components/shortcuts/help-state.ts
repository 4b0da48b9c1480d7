'use client';

import { useSyncExternalStore } from 'react';

/**
 * Whether the shortcuts help is open: one tiny store, so `?` (anywhere) and the shell's button open
 * the same dialog without a provider around the whole shell.
 */
let helpOpen = false;
const listeners = new Set<() => void>();

export function setHelpOpen(open: boolean): void {
  if (open === helpOpen) return;
  helpOpen = open;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useHelpOpen(): boolean {
  return useSyncExternalStore(subscribe, () => helpOpen, () => false);
}
