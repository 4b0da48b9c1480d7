'use client';

import { useLayoutEffect, type ReactNode, type RefObject } from 'react';
import type { List } from '@/lib/lists/schema';
import type { ListAction } from './list-menu';
import { roleAllows } from './rights';
import styles from './lists.module.css';

type ListMenuOptionsProps = {
  readonly id: string;
  readonly list: List;
  readonly first: boolean;
  readonly last: boolean;
  readonly toggleRef: RefObject<HTMLButtonElement | null>;
  readonly menuRef: RefObject<HTMLUListElement | null>;
  readonly onAction: (action: ListAction) => void;
  readonly onMove: (direction: 'up' | 'down') => void;
};

/** The open options of one list (./list-menu.tsx owns opening, closing and the keys); mounted only while open. */
export function ListMenuOptions({ id, list, first, last, toggleRef, menuRef, onAction, onMove }: ListMenuOptionsProps) {
  const owner = roleAllows(list.role, 'own');

  // Fixed to the viewport, under the button (above it near the bottom), so no scrolling column clips it.
  useLayoutEffect(() => {
    const toggle = toggleRef.current;
    const menu = menuRef.current;
    if (!toggle || !menu) return;
    const button = toggle.getBoundingClientRect();
    const fitsBelow = button.bottom + 4 + menu.offsetHeight <= window.innerHeight - 8;
    menu.style.right = `${Math.max(8, window.innerWidth - button.right)}px`;
    if (fitsBelow) menu.style.top = `${button.bottom + 4}px`;
    else menu.style.bottom = `${Math.max(8, window.innerHeight - button.top + 4)}px`;
    menu.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus({ preventScroll: true });
  }, [toggleRef, menuRef]);

  return (
    <ul ref={menuRef} id={id} className={styles.menu} aria-label={`Options for “${list.name}”`}>
      {owner ? <MenuItem onClick={() => onAction('edit')}>Edit…</MenuItem> : null}
      <MenuItem onClick={() => onAction('share')}>{owner ? 'Share…' : 'Members…'}</MenuItem>
      <MenuItem disabled={first} onClick={() => onMove('up')}>
        Move up
      </MenuItem>
      <MenuItem disabled={last} onClick={() => onMove('down')}>
        Move down
      </MenuItem>
      {owner ? (
        <MenuItem danger onClick={() => onAction('delete')}>
          Delete…
        </MenuItem>
      ) : null}
    </ul>
  );
}

function MenuItem({
  children,
  danger = false,
  disabled = false,
  onClick,
}: {
  readonly children: ReactNode;
  readonly danger?: boolean;
  readonly disabled?: boolean;
  readonly onClick: () => void;
}) {
  return (
    <li>
      <button type="button" className={danger ? `${styles.menuItem} ${styles.menuDanger}` : styles.menuItem} disabled={disabled} onClick={onClick}>
        {children}
      </button>
    </li>
  );
}
