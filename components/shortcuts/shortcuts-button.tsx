'use client';

import { Button } from '@/components/ui/button';
import { setHelpOpen } from './help-state';
import { HELP_KEY } from './shortcut-keys';
import styles from './shortcuts.module.css';

/** Opens the same help as `?`, so the shortcuts can be found with a mouse too. */
export function ShortcutsButton() {
  return (
    <Button variant="ghost" className={styles.button} aria-haspopup="dialog" aria-keyshortcuts={HELP_KEY} onClick={() => setHelpOpen(true)}>
      Keyboard shortcuts <kbd className={styles.key}>{HELP_KEY}</kbd>
    </Button>
  );
}
