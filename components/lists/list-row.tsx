'use client';

import Link from 'next/link';
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { List } from '@/lib/lists/schema';
import { InboxIcon, MoreIcon, SharedIcon } from './icons';
import { ListDot } from './list-dot';
import { roleAllows } from './rights';
import styles from './lists.module.css';

export type ListAction = 'edit' | 'share' | 'delete';

type ListRowProps = {
  readonly list: List;
  /** The list the page shows. */
  readonly current: boolean;
  readonly first?: boolean;
  readonly last?: boolean;
  readonly onNavigate?: (() => void) | undefined;
  /** Absent for the Inbox, which never moves. */
  readonly onMove?: (list: List, direction: 'up' | 'down', focus: 'link' | 'menu') => void;
  readonly onAction?: (action: ListAction) => void;
};

function rowLabel(list: List): string {
  const { open, overdue } = list.counts;
  return [list.name, list.shared ? 'shared' : null, overdue > 0 ? `${overdue} overdue` : null, open > 0 ? `${open} open` : null]
    .filter(Boolean)
    .join(', ');
}

/** One list in the sidebar: a link with its colour, counts and shared mark, and its options menu. */
export function ListRow({ list, current, first = false, last = false, onNavigate, onMove, onAction }: ListRowProps) {
  function handleKeyDown(event: KeyboardEvent<HTMLAnchorElement>) {
    if (!onMove || !event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    if (event.key === 'ArrowUp' ? !first : !last) onMove(list, event.key === 'ArrowUp' ? 'up' : 'down', 'link');
  }

  return (
    <li className={current ? `${styles.row} ${styles.rowCurrent}` : styles.row}>
      <Link
        href={`/lists/${encodeURIComponent(list.id)}`}
        className={styles.link}
        aria-current={current ? 'page' : undefined}
        aria-keyshortcuts={onMove ? 'Alt+ArrowUp Alt+ArrowDown' : undefined}
        data-list-link={list.id}
        onClick={onNavigate}
        onKeyDown={handleKeyDown}
      >
        {list.inbox ? <InboxIcon className={styles.icon} /> : <ListDot color={list.color} />}
        {/* One text for assistive tech ("Groceries, shared, 1 overdue, 3 open"); the pieces below are for the eye. */}
        <span className="visually-hidden">{rowLabel(list)}</span>
        <span className={styles.name} aria-hidden="true">
          {list.name}
        </span>
        {list.shared ? (
          <span className={styles.shared} title="Shared" aria-hidden="true">
            <SharedIcon className={styles.sharedIcon} />
          </span>
        ) : null}
        <span className={styles.counts} aria-hidden="true">
          {list.counts.overdue > 0 ? (
            <span className={styles.overdueCount} title={`${list.counts.overdue} overdue`}>
              {list.counts.overdue}
            </span>
          ) : null}
          {list.counts.open > 0 ? (
            <span className={styles.openCount} title={`${list.counts.open} open`}>
              {list.counts.open}
            </span>
          ) : null}
        </span>
      </Link>
      {onAction && onMove ? (
        <ListMenu list={list} first={first} last={last} onAction={onAction} onMove={(direction) => onMove(list, direction, 'menu')} />
      ) : (
        <MenuSpacer />
      )}
    </li>
  );
}

/** Keeps the counts of rows without options in line with the rest. */
export function MenuSpacer() {
  return <span className={styles.menuSpacer} aria-hidden="true" />;
}

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
function ListMenu({ list, first, last, onAction, onMove }: ListMenuProps) {
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
