'use client';

import { useId } from 'react';
import { ActivityFeed } from './activity-feed';
import styles from './activity.module.css';

/** The Activity panel under a task: what happened to it, newest first. */
export function TaskActivity({ id, taskId, taskTitle }: { readonly id: string; readonly taskId: string; readonly taskTitle: string }) {
  const headingId = useId();
  return (
    <section id={id} aria-labelledby={headingId} className={styles.taskPanel}>
      <h4 id={headingId} className={styles.taskPanelHeading}>
        Activity<span className="visually-hidden"> of “{taskTitle}”</span>
      </h4>
      <ActivityFeed taskId={taskId} />
    </section>
  );
}
