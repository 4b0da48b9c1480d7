'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { useViewerId } from '@/components/layout/viewer';
import { activityListOptions } from '@/lib/query/activity';
import { describeActivity, timeAgo } from './describe';
import styles from './activity.module.css';

/** The clock the "3 min ago" labels read, moving on every half minute. */
function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** One task's activity (taskId) or the whole account's (null), kept fresh while on screen. */
export function ActivityFeed({ taskId }: { readonly taskId: string | null }) {
  const query = useInfiniteQuery(activityListOptions(taskId));
  const now = useNow();
  const viewerId = useViewerId();

  if (query.isPending) {
    return (
      <div className={styles.feed} aria-busy="true">
        <span className="visually-hidden">Loading activity…</span>
        <span className={styles.skeletonLine} />
        <span className={`${styles.skeletonLine} ${styles.skeletonShort}`} />
      </div>
    );
  }
  if (query.isError) {
    return (
      <div className={styles.error} role="alert">
        <span>Activity could not be loaded.</span>
        <Button variant="secondary" onClick={() => void query.refetch()}>
          Retry
        </Button>
      </div>
    );
  }

  const entries = query.data.pages.flatMap((page) => page.items);
  if (entries.length === 0) {
    return (
      <p className={styles.empty}>
        No activity yet. Changes to {taskId ? 'this task' : 'your tasks'} show up here a moment after you make them.
      </p>
    );
  }
  return (
    <div className={styles.feed}>
      <ol className={styles.list}>
        {entries.map((entry) => (
          <li key={entry.id} className={styles.entry}>
            <span className={styles.text}>{describeActivity(entry, viewerId)}</span>
            <time className={styles.time} dateTime={entry.at} title={new Date(entry.at).toLocaleString()}>
              {timeAgo(entry.at, now)}
            </time>
          </li>
        ))}
      </ol>
      {query.hasNextPage ? (
        <div>
          <Button
            variant="secondary"
            pending={query.isFetchingNextPage}
            pendingLabel="Loading…"
            onClick={() => void query.fetchNextPage()}
          >
            Load more activity
          </Button>
        </div>
      ) : null}
    </div>
  );
}
