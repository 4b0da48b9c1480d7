'use client';

import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { List } from '@/lib/lists/schema';
import { MoreIcon } from './icons';
import { roleAllows } from './rights';
import styles from './lists.module.css';

export type ListAction = 'edit' | 'share' | 'delete';

type ListMenuProps = {
  readonly list: List;
  readonly first: boolean;
  readonly last: boolean;
  readonly onAction: (action: ListAction) => void;
  readonly onMove: (direction: 'up' | 'down') => void;
};

/**
 * The options of one list behind a disclosure button. Opening it focuses the first option; Escape, a
 * click outside or tabbing away closes it; choosing one hands focus back to the button first, so a
 * dialog it opens returns focus there.
 */
export function ListMenu({ list, first, last, onAction, onMove }: ListMenuProps) {
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const owner = roleAllows(list.role, 'own');

  // Fixed to the viewport, under the button (above it near the bottom), so no scrolling column clips it.
  useLayoutEffect(() => {
    const toggle = toggleRef.current;
    const menu = menuRef.current;
    if (!open || !toggle || !menu) return;
    const button = toggle.getBoundingClientRect();
    const fitsBelow = button.bottom + 4 + menu.offsetHeight <= window.innerHeight - 8;
    menu.style.right = `${Math.max(8, window.innerWidth - button.right)}px`;
    if (fitsBelow) menu.style.top = `${button.bottom + 4}px`;
    else menu.style.bottom = `${Math.max(8, window.innerHeight - button.top + 4)}px`;
    menu.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus({ preventScroll: true });
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const closeOnOutside = (event: PointerEvent) => {
      if (!wrapRef.current?.contains(event.target as Node)) setOpen(false);
    };
    // The menu stays where it was put: when the page under it moves, it closes (keeping focus nearby).
    const close = () => {
      if (menuRef.current?.contains(document.activeElement)) toggleRef.current?.focus({ preventScroll: true });
      setOpen(false);
    };
    document.addEventListener('pointerdown', closeOnOutside);
    window.addEventListener('resize', close);
    document.addEventListener('scroll', close, { capture: true, passive: true });
    return () => {
      document.removeEventListener('pointerdown', closeOnOutside);
      window.removeEventListener('resize', close);
      document.removeEventListener('scroll', close, { capture: true });
    };
  }, [open]);

  function choose(run: () => void) {
    toggleRef.current?.focus();
    setOpen(false);
    run();
  }

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (!open) return;
    if (event.key === 'Escape') {
      // Inside the phone drawer, Escape closes this menu, not the drawer.
      event.preventDefault();
      event.stopPropagation();
      toggleRef.current?.focus();
      setOpen(false);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const items = [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
      if (items.length === 0) return;
      event.preventDefault();
      const index = items.indexOf(document.activeElement as HTMLButtonElement);
      const next = event.key === 'ArrowDown' ? (index + 1) % items.length : (index - 1 + items.length) % items.length;
      items[next]?.focus();
    }
  }

  return (
    <div
      ref={wrapRef}
      className={styles.menuWrap}
      onKeyDown={handleKeyDown}
      onBlur={(event) => {
        if (open && !event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={toggleRef}
        type="button"
        className={styles.menuButton}
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        data-list-menu={list.id}
        onClick={() => setOpen((shown) => !shown)}
      >
        <MoreIcon />
        <span className="visually-hidden">Options for “{list.name}”</span>
      </button>
      {open ? (
        <ul ref={menuRef} id={menuId} className={styles.menu} aria-label={`Options for “${list.name}”`}>
          {owner ? (
            <MenuItem onClick={() => choose(() => onAction('edit'))}>Edit…</MenuItem>
          ) : null}
          <MenuItem onClick={() => choose(() => onAction('share'))}>{owner ? 'Share…' : 'Members…'}</MenuItem>
          <MenuItem disabled={first} onClick={() => choose(() => onMove('up'))}>
            Move up
          </MenuItem>
          <MenuItem disabled={last} onClick={() => choose(() => onMove('down'))}>
            Move down
          </MenuItem>
          {owner ? (
            <MenuItem danger onClick={() => choose(() => onAction('delete'))}>
              Delete…
            </MenuItem>
          ) : null}
        </ul>
      ) : null}
    </div>
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
