'use client';

import { lazy, startTransition, Suspense, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { List } from '@/lib/lists/schema';
import { MoreIcon } from './icons';
import styles from './lists.module.css';

export type ListAction = 'edit' | 'share' | 'delete';

// The options load when a menu is first opened; the button is all a row shows until then.
const ListMenuOptions = lazy(() => import('./list-menu-options').then((module) => ({ default: module.ListMenuOptions })));

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
      {/* Opening is a transition under this boundary, shown from the start: the menu stays closed (expanded
          false, no dangling aria-controls) until its options have loaded, then opens with them. */}
      <Suspense fallback={null}>
        <button
          ref={toggleRef}
          type="button"
          className={styles.menuButton}
          aria-expanded={open}
          aria-controls={open ? menuId : undefined}
          data-list-menu={list.id}
          onClick={() => (open ? setOpen(false) : startTransition(() => setOpen(true)))}
        >
          <MoreIcon />
          <span className="visually-hidden">Options for “{list.name}”</span>
        </button>
        {open ? (
          <ListMenuOptions
            id={menuId}
            list={list}
            first={first}
            last={last}
            toggleRef={toggleRef}
            menuRef={menuRef}
            onAction={(action) => choose(() => onAction(action))}
            onMove={(direction) => choose(() => onMove(direction))}
          />
        ) : null}
      </Suspense>
    </div>
  );
}
