'use client';

import { lazy, startTransition, Suspense, useEffect, useId, useRef, useState } from 'react';
import { showBrowserNotification } from './browser-notifications';
import { taskHref } from './task-href';
import { useNotifications } from './use-notifications';
import styles from './bell.module.css';

// The popover loads when first opened; the badge and the browser alerts need none of it.
const BellPanel = lazy(() => import('./bell-panel').then((module) => ({ default: module.BellPanel })));

function BellIcon() {
  return (
    <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/** Shows each newly arrived unread notification once through the browser, when the person allowed it. */
function useBrowserAlerts(items: readonly { id: string; taskId: string; title: string; read: boolean }[] | undefined) {
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!items) return;
    // The first answer is what was already there: only later arrivals are announced.
    if (seen.current === null) {
      seen.current = new Set(items.map((item) => item.id));
      return;
    }
    for (const item of items) {
      if (seen.current.has(item.id)) continue;
      seen.current.add(item.id);
      if (!item.read) showBrowserNotification(item.title, taskHref(item.taskId));
    }
  }, [items]);
}

/** The header's bell: unread count, a popover of recent reminders, and the switch for browser notifications. */
export function NotificationBell() {
  const { data } = useNotifications();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  useBrowserAlerts(data?.items);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    const onPointer = (event: PointerEvent) => !root.current?.contains(event.target as Node) && setOpen(false);
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const unread = data?.unread ?? 0;
  const label = unread > 0 ? `Notifications, ${unread} unread` : 'Notifications';
  return (
    <div className={styles.bell} ref={root}>
      {/* Opening is a transition under this boundary, shown from the start: the bell says "expanded" only
          once the popover has loaded and shows. */}
      <Suspense fallback={null}>
        <button
          type="button"
          className={styles.trigger}
          aria-label={label}
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => (open ? setOpen(false) : startTransition(() => setOpen(true)))}
        >
          <BellIcon />
          {unread > 0 ? (
            <span className={styles.badge} aria-hidden="true">
              {unread > 99 ? '99+' : unread}
            </span>
          ) : null}
        </button>
        {open ? <BellPanel id={panelId} data={data} onChosen={() => setOpen(false)} /> : null}
      </Suspense>
    </div>
  );
}
