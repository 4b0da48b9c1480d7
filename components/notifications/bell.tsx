'use client';

import { AppLink } from '@/components/ui/app-link';
import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { notificationsSupported, showBrowserNotification, turnOnNotifications } from './browser-notifications';
import { useMarkRead, useNotifications } from './use-notifications';
import styles from './bell.module.css';

const taskHref = (taskId: string) => `/?task=${encodeURIComponent(taskId)}`;

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
  const markRead = useMarkRead();
  const [open, setOpen] = useState(false);
  // Shown only inside the popover, which the server never renders open: no hydration mismatch.
  const [permission, setPermission] = useState<NotificationPermission | 'unsupported'>(() => (notificationsSupported() ? Notification.permission : 'unsupported'));
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
      <button type="button" className={styles.trigger} aria-label={label} aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((value) => !value)}>
        <BellIcon />
        {unread > 0 ? (
          <span className={styles.badge} aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <section id={panelId} className={styles.panel} aria-labelledby={`${panelId}-title`}>
          <div className={styles.head}>
            <h2 id={`${panelId}-title`} className={styles.title}>
              Your reminders
            </h2>
            {unread > 0 ? (
              <Button variant="ghost" onClick={() => markRead.mutate({ all: true })}>
                Mark all read
              </Button>
            ) : null}
          </div>
          {data && data.items.length > 0 ? (
            <ul className={styles.items}>
              {data.items.map((item) => (
                <li key={item.id} className={item.read ? styles.read : styles.unread}>
                  <AppLink
                    href={taskHref(item.taskId)}
                    onClick={() => {
                      if (!item.read) markRead.mutate({ ids: [item.id] });
                      setOpen(false);
                    }}
                  >
                    <span className={styles.itemTitle}>{item.title}</span>
                    <time dateTime={item.at} className={styles.when}>
                      {new Date(item.at).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })}
                    </time>
                    {item.read ? null : <span className={styles.srOnly}> (unread)</span>}
                  </AppLink>
                </li>
              ))}
            </ul>
          ) : (
            <p className={styles.empty}>No reminders yet.</p>
          )}
          {permission === 'default' ? (
            <Button variant="secondary" onClick={() => void turnOnNotifications().then(setPermission)}>
              Turn on notifications
            </Button>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
