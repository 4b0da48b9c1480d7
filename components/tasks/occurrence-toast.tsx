'use client';

import { useEffect, useRef, useState } from 'react';
import type { TaskChanges } from '@/lib/client/tasks-api';
import type { Task } from '@/lib/tasks/schema';
import { Button } from '@/components/ui/button';
import { formatOccurrenceDate } from './dates';
import { useUpdateTask } from './use-update-task';
import styles from './tasks.module.css';

/** A completed occurrence: the task before the completion and as the server answered. */
export type CompletedOccurrence = { readonly id: number; readonly before: Task; readonly after: Task };

type OccurrenceToastProps = {
  readonly occurrence: CompletedOccurrence;
  readonly windowMs: number;
  /** After hovering, at least this long is left to reach Undo. */
  readonly resumeMs: number;
  readonly onDone: (id: number) => void;
  readonly onFailure: (message: string) => void;
};

/**
 * "Next: Mon, Dec 14 — Undo" after a recurring task is completed. Undo is a PATCH back with If-Match
 * of the version the completion returned (data-model.md "Undo is a PATCH back"); after a series' last
 * completion it reopens the task.
 */
export function OccurrenceToast({ occurrence, windowMs, resumeMs, onDone, onFailure }: OccurrenceToastProps) {
  const { id, before, after } = occurrence;
  const update = useUpdateTask(after.id, onFailure);
  // Milliseconds left while the clock runs; null while hovered (paused).
  const [running, setRunning] = useState<number | null>(windowMs);
  const left = useRef(windowMs);
  const latestDone = useRef(onDone);
  useEffect(() => {
    latestDone.current = onDone;
  });
  useEffect(() => {
    if (running === null) return;
    const started = Date.now();
    const timer = window.setTimeout(() => latestDone.current(id), running);
    return () => {
      window.clearTimeout(timer);
      left.current = running - (Date.now() - started);
    };
  }, [running, id]);

  function undo() {
    const changes: TaskChanges = after.completed ? { completed: false } : { dueDate: before.dueDate, recurrence: before.recurrence };
    update.mutate({ task: after, changes });
    onDone(id);
  }

  const ended = after.completed || !after.dueDate;
  return (
    <div
      className={styles.toast}
      onPointerEnter={() => setRunning(null)}
      onPointerLeave={() => setRunning(Math.max(left.current, resumeMs))}
    >
      <p className={styles.toastText}>
        {ended ? (
          <>
            Completed <span className={styles.toastTitle}>“{after.title}”</span>, the last of its series
          </>
        ) : (
          <>
            <span className="visually-hidden">Completed “{after.title}”. </span>Next: <time dateTime={after.dueDate ?? undefined}>{formatOccurrenceDate(after.dueDate ?? '')}</time>
          </>
        )}
      </p>
      <Button variant="secondary" className={styles.toastButton} onClick={undo}>
        Undo<span className="visually-hidden"> completing “{after.title}”</span>
      </Button>
    </div>
  );
}
