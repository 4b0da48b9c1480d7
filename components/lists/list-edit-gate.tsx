'use client';

import type { ReactNode } from 'react';
import type { List } from '@/lib/lists/schema';
import { roleAllows } from './rights';
import { useList } from './use-lists';
import styles from './lists.module.css';

/** Shows its children (the add form) only to people whose role lets them change the list's tasks. */
export function ListEditGate({ list: initial, children }: { readonly list: List | null; readonly children: ReactNode }) {
  const cached = useList(initial?.id);
  const list = cached ?? initial;
  if (!list || roleAllows(list.role, 'edit')) return children;
  return (
    <p className={styles.viewOnly}>
      You can see the tasks of “{list.name}” but not change them: you are a viewer. Its owner can make you an editor.
    </p>
  );
}
