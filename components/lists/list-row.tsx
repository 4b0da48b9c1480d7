'use client';

import { AppLink } from '@/components/ui/app-link';
import type { KeyboardEvent } from 'react';
import type { List } from '@/lib/lists/schema';
import { InboxIcon, SharedIcon } from './icons';
import { ListDot } from './list-dot';
import { ListMenu, type ListAction } from './list-menu';
import styles from './lists.module.css';

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
      <AppLink
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
      </AppLink>
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
