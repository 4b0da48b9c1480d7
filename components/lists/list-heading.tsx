'use client';

import { Suspense, useState } from 'react';
import type { List } from '@/lib/lists/schema';
import { Button } from '@/components/ui/button';
import { ShareDialog } from './dialogs';
import { InboxIcon, SharedIcon } from './icons';
import { ListDot } from './list-dot';
import { roleAllows } from './rights';
import { useList } from './use-lists';
import styles from './lists.module.css';

/** The list page's title (live: a rename shows at once) with Share, or Members for someone else's list. */
export function ListHeading({ list: initial }: { readonly list: List }) {
  const list = useList(initial.id) ?? initial;
  const [sharing, setSharing] = useState(false);
  // Mounted from the first Share on, so closing can hand focus back to the button.
  const [shareUsed, setShareUsed] = useState(false);
  const owner = roleAllows(list.role, 'own');

  return (
    <div className={styles.pageHead}>
      <h1 className={styles.pageTitle}>
        {list.inbox ? <InboxIcon className={styles.pageIcon} /> : <ListDot color={list.color} className={styles.pageDot} />}
        <span className={styles.pageName}>{list.name}</span>
      </h1>
      {list.inbox ? null : (
        <>
          <Button
            variant="secondary"
            className={styles.shareButton}
            onClick={() => {
              setShareUsed(true);
              setSharing(true);
            }}
          >
            <SharedIcon />
            {owner ? 'Share' : 'Members'}
          </Button>
          {shareUsed ? (
            <Suspense fallback={null}>
              <ShareDialog list={list} open={sharing} onClose={() => setSharing(false)} />
            </Suspense>
          ) : null}
        </>
      )}
    </div>
  );
}
