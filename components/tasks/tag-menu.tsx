'use client';

import { lazy, Suspense, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { TagDialogKind } from './tag-dialogs';
import styles from './tasks.module.css';

// The dialogs load when first asked for: a tag's view is mostly for reading its tasks.
const TagDialogs = lazy(() => import('./tag-dialogs').then((module) => ({ default: module.TagDialogs })));

/** Rename or delete a tag on every task the person may edit, from the tag's own view. */
export function TagMenu({ tag }: { readonly tag: string }) {
  // The dialog asked for last stays mounted when closed, so it can hand focus back; each opening starts afresh.
  const [asked, setAsked] = useState<{ readonly kind: TagDialogKind; readonly key: number } | null>(null);
  const [open, setOpen] = useState(false);
  const ask = (kind: TagDialogKind) => {
    setAsked((previous) => ({ kind, key: (previous?.key ?? 0) + 1 }));
    setOpen(true);
  };
  return (
    <div className={styles.tagActions}>
      <Button variant="secondary" onClick={() => ask('rename')}>
        Rename tag
      </Button>
      <Button variant="ghost" onClick={() => ask('delete')}>
        Delete tag
      </Button>
      {asked ? (
        <Suspense fallback={null}>
          <TagDialogs key={asked.key} tag={tag} kind={asked.kind} open={open} onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </div>
  );
}
