'use client';

import { useState } from 'react';
import { AppLink } from '@/components/ui/app-link';
import { Button } from '@/components/ui/button';
import type { NotificationPage } from '@/lib/client/notifications-api';
import { notificationsSupported } from './browser-notifications';
import { turnOnNotifications } from './push-subscription';
import { taskHref } from './task-href';
import { useMarkRead } from './use-notifications';
import styles from './bell.module.css';

type BellPanelProps = {
  readonly id: string;
  readonly data: NotificationPage | undefined;
  /** After a reminder is chosen: the panel closes. */
  readonly onChosen: () => void;
};

/** The bell's popover (loaded when first opened, components/notifications/bell.tsx): recent reminders and the switch for browser notifications. */
export function BellPanel({ id, data, onChosen }: BellPanelProps) {
  const markRead = useMarkRead();
  // Rendered only in the browser (the server never renders the popover open): no hydration mismatch.
  const [permission, setPermission] = useState<NotificationPermission | 'unsupported'>(() => (notificationsSupported() ? Notification.permission : 'unsupported'));
  const unread = data?.unread ?? 0;
  return (
    <section id={id} className={styles.panel} aria-labelledby={`${id}-title`}>
      <div className={styles.head}>
        <h2 id={`${id}-title`} className={styles.title}>
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
                  onChosen();
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
  );
}
