'use client';

import { lazy, Suspense, useState } from 'react';
import { setHelpOpen, useHelpOpen } from './help-state';
import { useGlobalShortcuts } from './use-global-shortcuts';

// The help loads the first time it is asked for; afterwards it stays mounted, so it can hand focus back on close.
const ShortcutsDialog = lazy(() => import('./shortcuts-dialog').then((module) => ({ default: module.ShortcutsDialog })));

const openHelp = () => setHelpOpen(true);
const closeHelp = () => setHelpOpen(false);

/** Mounted once in the signed-in shell: listens for the app-wide keys and owns the one help dialog. */
export function GlobalShortcuts() {
  useGlobalShortcuts(openHelp);
  const open = useHelpOpen();
  const [asked, setAsked] = useState(open);
  if (open && !asked) setAsked(true);
  return asked ? (
    <Suspense fallback={null}>
      <ShortcutsDialog open={open} onClose={closeHelp} />
    </Suspense>
  ) : null;
}
