'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createContext, lazy, Suspense, use, useCallback, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { ApiError } from '@/lib/client/api';
import { sendTaskDeleteWhileLeaving } from '@/lib/client/tasks-api';
import { removeCachedTask } from '@/lib/query/task-cache';
import { deleteTaskMutation, isNotFound } from '@/lib/query/task-mutations';
import type { Task } from '@/lib/tasks/schema';
import { Button } from '@/components/ui/button';
import { focusTaskOrNewTitle } from './focus';
import type { CompletedOccurrence } from './occurrence-toast';
import { PendingDeletes } from './pending-deletes';
import styles from './tasks.module.css';

/** How long a deleted task can be brought back before the DELETE request is sent. */
const UNDO_WINDOW_MS = 5_000;
const MAX_ERRORS = 3;
/** After hovering a toast, at least this long is left to reach Undo. */
const RESUME_MINIMUM_MS = 2_000;

// Loaded with the first completed occurrence of a recurring task: most visits complete none.
const OccurrenceToast = lazy(() => import('./occurrence-toast').then((module) => ({ default: module.OccurrenceToast })));

type ErrorToast = { readonly id: number; readonly message: string };

let messageCount = 0;
/** Each message gets a new key, so the same text is announced again. */
function nextMessageId(): number {
  messageCount += 1;
  return messageCount;
}

export type ScheduleDeleteOptions = { readonly focusUndo: boolean; readonly neighborId: string | null };

type TaskWorkspaceActions = {
  /** A polite message for screen readers only. */
  announce(message: string): void;
  /** A visible message that stays until dismissed, announced at once. */
  reportError(message: string): void;
  /** Hides the task now and deletes it when the undo window has passed. */
  scheduleDelete(task: Task, options: ScheduleDeleteOptions): void;
  /** A recurring task was completed: offers to put its previous due date and rule back. */
  offerOccurrenceUndo(before: Task, after: Task): void;
};

const ActionsContext = createContext<TaskWorkspaceActions | null>(null);
const HiddenTasksContext = createContext<ReadonlySet<string>>(new Set());

export function useTaskWorkspace(): TaskWorkspaceActions {
  const actions = use(ActionsContext);
  if (!actions) throw new Error('useTaskWorkspace must be used inside <TaskWorkspace>.');
  return actions;
}

/** Ids of tasks deleted but not yet gone from the server: lists leave them out. */
export function useHiddenTaskIds(): ReadonlySet<string> {
  return use(HiddenTasksContext);
}

/** The task page's shared client state: delete-with-undo, error toasts and screen-reader announcements. */
export function TaskWorkspace({ children }: { readonly children: ReactNode }) {
  const queryClient = useQueryClient();
  const [pendingDeletes] = useState(() => new PendingDeletes());
  const pending = useSyncExternalStore(pendingDeletes.subscribe, pendingDeletes.snapshot, pendingDeletes.snapshot);
  const [errors, setErrors] = useState<readonly ErrorToast[]>([]);
  const [occurrences, setOccurrences] = useState<readonly CompletedOccurrence[]>([]);
  const [announcement, setAnnouncement] = useState<{ readonly id: number; readonly text: string } | null>(null);

  const announce = useCallback((text: string) => setAnnouncement({ id: nextMessageId(), text }), []);
  const reportError = useCallback((message: string) => {
    const id = nextMessageId();
    setErrors((current) => [...current, { id, message }].slice(-MAX_ERRORS));
  }, []);

  const baseDelete = useMemo(
    // Gone from the cache now, so it may leave the hidden set without flashing back.
    () => deleteTaskMutation(queryClient, { onRemoved: (task) => pendingDeletes.remove(task.id) }),
    [queryClient, pendingDeletes],
  );
  const { mutate: sendDelete } = useMutation({
    ...baseDelete,
    onError: (error, task, result, context) => {
      void baseDelete.onError?.(error, task, result, context);
      if (isNotFound(error)) return;
      const detail = error instanceof ApiError ? error.detail : 'Try again in a moment.';
      reportError(`“${task.title}” could not be deleted, so it is back in your list. ${detail}`);
    },
  });

  useEffect(() => {
    pendingDeletes.handleExpiry((taskId) => {
      const entry = pendingDeletes.get(taskId);
      if (!entry || entry.phase !== 'undoable') return;
      const toastHadFocus = document.getElementById(undoToastId(taskId))?.contains(document.activeElement) ?? false;
      pendingDeletes.markDeleting(taskId);
      if (toastHadFocus) focusTaskOrNewTitle(entry.neighborId);
      sendDelete(entry.task);
    });
  }, [pendingDeletes, sendDelete]);

  const scheduleDelete = useCallback(
    (task: Task, { focusUndo, neighborId }: ScheduleDeleteOptions) => {
      pendingDeletes.start({ task, phase: 'undoable', focusUndo, neighborId }, UNDO_WINDOW_MS);
    },
    [pendingDeletes],
  );

  const offerOccurrenceUndo = useCallback((before: Task, after: Task) => {
    const id = nextMessageId();
    // A newer completion of the same task replaces the older offer: only its undo is still true.
    setOccurrences((current) => [...current.filter((entry) => entry.after.id !== after.id), { id, before, after }]);
  }, []);
  const endOccurrenceOffer = useCallback((id: number) => setOccurrences((current) => current.filter((entry) => entry.id !== id)), []);

  function undo(task: Task) {
    if (pendingDeletes.get(task.id)?.phase !== 'undoable') return;
    pendingDeletes.remove(task.id);
    announce(`Restored “${task.title}”.`);
    // The task is back in the list after this render; give it the focus the Undo button had.
    requestAnimationFrame(() => focusTaskOrNewTitle(task.id));
  }

  // Deletes still inside their undo window must not be lost when the page goes away.
  useEffect(() => {
    const flushWhileLeaving = () => {
      for (const { task } of pendingDeletes.takeUndoable()) {
        sendTaskDeleteWhileLeaving(task.id);
        removeCachedTask(queryClient, task.id);
      }
    };
    window.addEventListener('beforeunload', flushWhileLeaving);
    window.addEventListener('pagehide', flushWhileLeaving);
    return () => {
      window.removeEventListener('beforeunload', flushWhileLeaving);
      window.removeEventListener('pagehide', flushWhileLeaving);
      // Leaving for another page of the app: the query client lives on, so delete the normal way.
      for (const { task } of pendingDeletes.takeUndoable()) sendDelete(task);
    };
  }, [pendingDeletes, queryClient, sendDelete]);

  const actions = useMemo<TaskWorkspaceActions>(
    () => ({ announce, reportError, scheduleDelete, offerOccurrenceUndo }),
    [announce, reportError, scheduleDelete, offerOccurrenceUndo],
  );
  const hiddenIds = useMemo<ReadonlySet<string>>(() => new Set(pending.keys()), [pending]);
  const undoable = [...pending.values()].filter((entry) => entry.phase === 'undoable');

  return (
    <ActionsContext value={actions}>
      <HiddenTasksContext value={hiddenIds}>
        {children}
        <section aria-label="Notifications" className={styles.toasts}>
          <div role="status" className={styles.toastStack}>
            {undoable.map(({ task, focusUndo }) => (
              <div
                key={task.id}
                id={undoToastId(task.id)}
                className={styles.toast}
                onPointerEnter={() => pendingDeletes.pause(task.id)}
                onPointerLeave={() => pendingDeletes.resume(task.id, RESUME_MINIMUM_MS)}
              >
                <p className={styles.toastText}>
                  Deleted <span className={styles.toastTitle}>“{task.title}”</span>
                </p>
                <Button variant="secondary" className={styles.toastButton} autoFocus={focusUndo} onClick={() => undo(task)}>
                  Undo<span className="visually-hidden"> deleting “{task.title}”</span>
                </Button>
              </div>
            ))}
            {occurrences.map((occurrence) => (
              <Suspense key={occurrence.id} fallback={null}>
                <OccurrenceToast
                  occurrence={occurrence}
                  windowMs={UNDO_WINDOW_MS}
                  resumeMs={RESUME_MINIMUM_MS}
                  onDone={endOccurrenceOffer}
                  onFailure={reportError}
                />
              </Suspense>
            ))}
          </div>
          <div role="alert" className={styles.toastStack}>
            {errors.map((error) => (
              <div key={error.id} className={`${styles.toast} ${styles.toastError}`}>
                <p className={styles.toastText}>{error.message}</p>
                <Button
                  variant="ghost"
                  className={styles.toastButton}
                  onClick={() => setErrors((current) => current.filter((item) => item.id !== error.id))}
                >
                  Dismiss<span className="visually-hidden"> this message</span>
                </Button>
              </div>
            ))}
          </div>
        </section>
        <div role="status" className="visually-hidden">
          {announcement ? <p key={announcement.id}>{announcement.text}</p> : null}
        </div>
      </HiddenTasksContext>
    </ActionsContext>
  );
}

function undoToastId(taskId: string): string {
  return `undo-${taskId}`;
}
