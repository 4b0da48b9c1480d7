'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { useInbox } from '@/components/lists/use-lists';
import { QUICK_ADD_ID, TASK_SEARCH_ID } from '@/components/tasks/focus';
import { tasksHref } from '@/components/tasks/tasks-href';
import { isShortcutEvent } from '@/lib/client/keyboard';
import { DEFAULT_TASK_FILTERS } from '@/lib/query/task-filters';
import { ADD_KEY, GO_KEYS, GO_PREFIX_KEY, GO_SEQUENCE_TIMEOUT_MS, HELP_KEY, SEARCH_KEY, type GoTarget } from './shortcut-keys';

/** How long `/` waits for the search field of the page it navigated to. */
const SEARCH_ARRIVAL_TIMEOUT_MS = 5000;

const GO_TARGET_BY_KEY = new Map<string, GoTarget>(Object.entries(GO_KEYS).map(([target, key]) => [key, target as GoTarget]));

/** Focuses the element once it is on the page (a navigation renders it a moment later), or gives up. */
function focusWhenPresent(id: string, timeoutMs: number): () => void {
  const deadline = performance.now() + timeoutMs;
  let frame = 0;
  const attempt = () => {
    const element = document.getElementById(id);
    if (element) element.focus();
    else if (performance.now() < deadline) frame = requestAnimationFrame(attempt);
  };
  attempt();
  return () => cancelAnimationFrame(frame);
}

/**
 * The app-wide keys: `?` help, `q` quick add and `/` search (a page without the field opens one that has
 * it and focuses it there) and `g t` / `g u` / `g i`. They fire only when lib/client/keyboard.ts says a shortcut may.
 */
export function useGlobalShortcuts(onHelp: () => void): void {
  const router = useRouter();
  const inbox = useInbox();
  const inboxHref = inbox ? tasksHref({ ...DEFAULT_TASK_FILTERS, listId: inbox.id }) : null;
  // When `g` was pressed: kept across re-subscriptions, so a list refetch between the two keys does not drop it.
  const goPressedAt = useRef<number | null>(null);

  useEffect(() => {
    let cancelSearchFocus: (() => void) | undefined;
    const hrefs: Record<GoTarget, string | null> = { today: '/today', upcoming: '/upcoming', inbox: inboxHref };

    /** Focuses the field on this page, or opens `elsewhere` (a page that has it) and focuses it there. */
    function focusField(id: string, elsewhere: string) {
      cancelSearchFocus?.();
      if (!document.getElementById(id)) router.push(elsewhere);
      cancelSearchFocus = focusWhenPresent(id, SEARCH_ARRIVAL_TIMEOUT_MS);
    }

    function onKeyDown(event: KeyboardEvent) {
      if (!isShortcutEvent(event)) {
        goPressedAt.current = null;
        return;
      }
      const pressedAt = goPressedAt.current;
      goPressedAt.current = null;
      if (pressedAt !== null && event.timeStamp - pressedAt <= GO_SEQUENCE_TIMEOUT_MS) {
        const target = GO_TARGET_BY_KEY.get(event.key);
        const href = target ? hrefs[target] : null;
        if (href) {
          event.preventDefault();
          router.push(href);
          return;
        }
      }
      switch (event.key) {
        case GO_PREFIX_KEY:
          goPressedAt.current = event.timeStamp;
          return;
        case HELP_KEY:
          event.preventDefault();
          onHelp();
          return;
        case SEARCH_KEY:
          event.preventDefault();
          focusField(TASK_SEARCH_ID, '/');
          return;
        case ADD_KEY:
          // Pages without quick add (Activity, Account, ...) send the new task to the Inbox.
          event.preventDefault();
          focusField(QUICK_ADD_ID, inboxHref ?? '/');
          return;
      }
    }

    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      cancelSearchFocus?.();
    };
  }, [router, inboxHref, onHelp]);
}
