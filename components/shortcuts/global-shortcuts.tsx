'use client';

import { setHelpOpen, useHelpOpen } from './help-state';
import { ShortcutsDialog } from './shortcuts-dialog';
import { useGlobalShortcuts } from './use-global-shortcuts';

const openHelp = () => setHelpOpen(true);
const closeHelp = () => setHelpOpen(false);

/** Mounted once in the signed-in shell: listens for the app-wide keys and owns the one help dialog. */
export function GlobalShortcuts() {
  useGlobalShortcuts(openHelp);
  return <ShortcutsDialog open={useHelpOpen()} onClose={closeHelp} />;
}
