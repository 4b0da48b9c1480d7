'use client';

import { Fragment, useId } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { SHORTCUT_GROUPS, type Shortcut, type ShortcutGroup } from './shortcut-list';
import styles from './shortcuts.module.css';

/** "Alt+↑" as <kbd>Alt</kbd>+<kbd>↑</kbd>: each key its own cap, kept on one line. */
function Chord({ chord }: { readonly chord: string }) {
  const keys = chord.length > 1 ? chord.split('+') : [chord];
  return (
    <span className={styles.chord}>
      {keys.map((key, index) => (
        <Fragment key={key}>
          {index > 0 ? '+' : null}
          <kbd className={styles.key}>{key}</kbd>
        </Fragment>
      ))}
    </span>
  );
}

function Keys({ shortcut }: { readonly shortcut: Shortcut }) {
  return shortcut.keys.map((sequence, alternative) => (
    <Fragment key={sequence.join(' ')}>
      {alternative > 0 ? <span className={styles.joiner}> or </span> : null}
      {sequence.map((chord, step) => (
        <Fragment key={`${chord}-${step}`}>
          {step > 0 ? <span className={styles.joiner}> then </span> : null}
          <Chord chord={chord} />
        </Fragment>
      ))}
    </Fragment>
  ));
}

function Group({ group }: { readonly group: ShortcutGroup }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={styles.group}>
      <h3 id={headingId} className={styles.groupHeading}>
        {group.name}
      </h3>
      <dl className={styles.list}>
        {group.shortcuts.map((shortcut) => (
          <div key={shortcut.description} className={styles.row}>
            <dt className={styles.keys}>
              <Keys shortcut={shortcut} />
            </dt>
            <dd className={styles.description}>{shortcut.description}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The `?` help: every shortcut, grouped by where it works. */
export function ShortcutsDialog({ open, onClose }: { readonly open: boolean; readonly onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Keyboard shortcuts"
      description={
        // Focus starts here, not on Close below the list, so a phone shows the dialog from its top (WAI-ARIA APG).
        <p tabIndex={-1} data-autofocus className={styles.intro}>
          Single keys do nothing while you type in a field; press Escape to leave it first.
        </p>
      }
    >
      {SHORTCUT_GROUPS.map((group) => (
        <Group key={group.name} group={group} />
      ))}
      <div className="button-row">
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      </div>
    </Dialog>
  );
}
