'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AppLink } from '@/components/ui/app-link';
import { usePathname, useSearchParams } from 'next/navigation';
import { Suspense, useEffect, useId, useMemo, useRef, useState } from 'react';
import { ApiError } from '@/lib/client/api';
import type { List } from '@/lib/lists/schema';
import { movedPosition, updateListMutation } from '@/lib/query/lists';
import { Button } from '@/components/ui/button';
import { DeleteListDialog, EditListDialog, ShareDialog } from './dialogs';
import { AllTasksIcon, TodayIcon, UpcomingIcon } from './icons';
import type { ListAction } from './list-menu';
import { ListRow, MenuSpacer } from './list-row';
import { NewListForm } from './new-list-form';
import { useLists } from './use-lists';
import { TagLinks } from './tag-links';
import styles from './lists.module.css';

type Direction = 'up' | 'down';

const DATE_VIEWS = [
  { href: '/today', name: 'Today', Icon: TodayIcon },
  { href: '/upcoming', name: 'Upcoming', Icon: UpcomingIcon },
] as const;

/** The list a path shows: /lists/<id>. */
export function listIdOfPath(pathname: string): string | null {
  const match = /^\/lists\/([^/]+)/.exec(pathname);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

/**
 * All tasks, Today, Upcoming, the Inbox, then the person's lists in their order, with counts; new list, and per list
 * edit, share, reorder (menu or Alt+↑/↓) and delete. Rendered in the page's side column and in the
 * phone drawer, so nothing in it uses fixed element ids.
 */
export function ListSidebar({ onNavigate }: { readonly onNavigate?: () => void }) {
  const query = useLists();
  const lists = useMemo(() => query.data ?? [], [query.data]);
  const pathname = usePathname();
  const currentListId = listIdOfPath(pathname);
  const searchParams = useSearchParams();
  // A tag's view lives at /?tag=…: then its tag is the current place, not All tasks.
  const allTasksCurrent = pathname === '/' && !searchParams.has('tag');
  const headingId = useId();
  const navRef = useRef<HTMLElement>(null);
  // The list is kept as it was when the dialog opened: the dialog stays mounted (and can hand focus back) even
  // when the list leaves the cache, as it does on delete.
  const [action, setAction] = useState<{ readonly kind: ListAction; readonly list: List; readonly key: number } | null>(null);
  const [actionOpen, setActionOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // After a move re-renders the lists, focus goes back to what moved it (the row may have been re-inserted).
  const focusAfterMove = useRef<{ readonly listId: string; readonly target: 'link' | 'menu' } | null>(null);

  const queryClient = useQueryClient();
  const base = useMemo(() => updateListMutation(queryClient), [queryClient]);
  const move = useMutation({
    ...base,
    onError: (error, variables, result, context) => {
      void base.onError?.(error, variables, result, context);
      const detail = error instanceof ApiError ? error.detail : 'Try again in a moment.';
      setProblem(`“${variables.list.name}” could not be moved, so it is back in its place. ${detail}`);
    },
  });

  const inbox = lists.find((list) => list.inbox);
  const others = lists.filter((list) => !list.inbox);

  useEffect(() => {
    const target = focusAfterMove.current;
    if (!target) return;
    focusAfterMove.current = null;
    const selector = target.target === 'link' ? 'data-list-link' : 'data-list-menu';
    navRef.current?.querySelector<HTMLElement>(`[${selector}="${CSS.escape(target.listId)}"]`)?.focus();
  }, [lists]);

  function closeAction() {
    setActionOpen(false);
    // The dialog hands focus back to its opener; when that row is gone (deleted, left), start the nav over.
    requestAnimationFrame(() => {
      if (document.activeElement === document.body) navRef.current?.querySelector<HTMLElement>('a')?.focus();
    });
  }

  function moveList(list: List, direction: Direction, focusTarget: 'link' | 'menu') {
    const index = others.findIndex((item) => item.id === list.id);
    let position: string | null = null;
    try {
      position = movedPosition(lists, list.id, direction);
    } catch {
      setProblem(`“${list.name}” could not be moved: reload the page and try again.`);
    }
    if (position === null) return;
    setProblem(null);
    focusAfterMove.current = { listId: list.id, target: focusTarget };
    move.mutate({ list, changes: { position } });
    const place = direction === 'up' ? index : index + 2;
    setAnnouncement(`Moved “${list.name}” ${direction}: ${place} of ${others.length}.`);
  }

  return (
    <nav ref={navRef} aria-label="Lists" className={styles.sidebar}>
      <ul className={styles.rows}>
        <li className={allTasksCurrent ? `${styles.row} ${styles.rowCurrent}` : styles.row}>
          <AppLink href="/" className={styles.link} aria-current={allTasksCurrent ? 'page' : undefined} onClick={onNavigate}>
            <AllTasksIcon className={styles.icon} />
            <span className={styles.name}>All tasks</span>
          </AppLink>
          <MenuSpacer />
        </li>
        {DATE_VIEWS.map((view) => (
          <li key={view.href} className={pathname === view.href ? `${styles.row} ${styles.rowCurrent}` : styles.row}>
            <AppLink href={view.href} className={styles.link} aria-current={pathname === view.href ? 'page' : undefined} onClick={onNavigate}>
              <view.Icon className={styles.icon} />
              <span className={styles.name}>{view.name}</span>
            </AppLink>
            <MenuSpacer />
          </li>
        ))}
        {inbox ? <ListRow list={inbox} current={inbox.id === currentListId} onNavigate={onNavigate} /> : null}
      </ul>

      <h2 id={headingId} className={styles.heading}>
        Lists
      </h2>
      {query.status === 'pending' ? (
        <p role="status" className={styles.note}>
          Loading lists…
        </p>
      ) : query.status === 'error' && !query.data ? (
        <div role="alert" className={styles.problem}>
          <p>Your lists could not be loaded.</p>
          <Button variant="secondary" onClick={() => void query.refetch()}>
            Retry
          </Button>
        </div>
      ) : others.length === 0 ? (
        <p className={styles.note}>No lists yet. Make one for groceries, work or a trip.</p>
      ) : (
        <ul className={styles.rows} aria-labelledby={headingId}>
          {others.map((list, index) => (
            <ListRow
              key={list.id}
              list={list}
              current={list.id === currentListId}
              first={index === 0}
              last={index === others.length - 1}
              onNavigate={onNavigate}
              onMove={moveList}
              onAction={(kind) => {
                setAction((previous) => ({ kind, list, key: (previous?.key ?? 0) + 1 }));
                setActionOpen(true);
              }}
            />
          ))}
        </ul>
      )}

      {problem ? (
        <div role="alert" className={styles.problem}>
          <p>{problem}</p>
          <Button variant="ghost" onClick={() => setProblem(null)}>
            Dismiss<span className="visually-hidden"> this message</span>
          </Button>
        </div>
      ) : null}
      <div role="status" className="visually-hidden">
        {announcement}
      </div>

      <NewListForm onCreated={onNavigate} />

      <Suspense fallback={null}>
        <TagLinks onNavigate={onNavigate} />
      </Suspense>

      <Suspense fallback={null}>
        {action?.kind === 'edit' ? <EditListDialog key={action.key} list={action.list} open={actionOpen} onClose={closeAction} /> : null}
        {action?.kind === 'share' ? <ShareDialog key={action.key} list={action.list} open={actionOpen} onClose={closeAction} /> : null}
        {action?.kind === 'delete' ? (
          <DeleteListDialog
            key={action.key}
            list={action.list}
            viewing={action.list.id === currentListId}
            open={actionOpen}
            onClose={closeAction}
          />
        ) : null}
      </Suspense>
    </nav>
  );
}
