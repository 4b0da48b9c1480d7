'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useId, useMemo, useRef, useState, type MouseEvent } from 'react';
import { ApiError } from '@/lib/client/api';
import type { TaskChanges } from '@/lib/client/tasks-api';
import { taskMatchesFilters } from '@/lib/query/task-cache';
import { isUnsavedTask, updateTaskMutation, type UpdateTaskVariables } from '@/lib/query/task-mutations';
import type { TaskFilters } from '@/lib/query/task-queries';
import type { List } from '@/lib/lists/schema';
import type { Task } from '@/lib/tasks/schema';
import { InboxIcon } from '@/components/lists/icons';
import { ListDot } from '@/components/lists/list-dot';
import { useList } from '@/components/lists/use-lists';
import { roleAllows } from '@/components/lists/rights';
import { Button } from '@/components/ui/button';
import { dueState, formatDueDate } from './dates';
import { taskCheckboxId } from './focus';
import { TaskAttachments } from './task-attachments';
import { TaskEditForm } from './task-edit-form';
import { useTaskWorkspace } from './task-workspace';
import styles from './tasks.module.css';

// Loaded when a panel is first opened, so the list never pays for it. React.lazy rather than next/dynamic:
// the same split without next/dynamic's loader, which costs the task page 1.4 KiB of first-load JS.
const TaskActivity = lazy(() => import('@/components/activity/task-activity').then((module) => ({ default: module.TaskActivity })));

type TaskItemProps = {
  readonly task: Task;
  /** The viewer's date (YYYY-MM-DD), or null before it is known. */
  readonly today: string | null;
  readonly filters: TaskFilters;
  /** The task to focus if this one leaves the list while focused. */
  readonly neighborId: string | null;
};

const PRIORITY_TEXT = { low: 'Low priority', medium: 'Medium priority', high: 'High priority' } as const;

function failureMessage(error: Error, { task, changes }: UpdateTaskVariables): string {
  const marking = Object.keys(changes).length === 1 && changes.completed !== undefined;
  const marked = changes.completed ? 'marked done' : 'marked not done';
  if (error instanceof ApiError && error.status === 412) {
    const lost = marking ? `it was not ${marked}` : 'your changes were not saved';
    return `“${task.title}” was changed in another tab or device, so ${lost}. The latest version is shown.`;
  }
  if (error instanceof ApiError && error.status === 404) return `“${task.title}” no longer exists; it was deleted elsewhere.`;
  const detail = error instanceof ApiError ? error.detail : 'Try again in a moment.';
  return marking ? `“${task.title}” could not be ${marked}. ${detail}` : `Your changes to “${task.title}” were not saved. ${detail}`;
}

/** Optimistic, conditional (If-Match) updates of one task; a refusal rolls back and says so. */
function useUpdateTask(taskId: string) {
  const queryClient = useQueryClient();
  const { reportError } = useTaskWorkspace();
  const base = useMemo(() => updateTaskMutation(queryClient, taskId), [queryClient, taskId]);
  return useMutation({
    ...base,
    onError: (error, variables, result, context) => {
      void base.onError?.(error, variables, result, context);
      reportError(failureMessage(error, variables));
    },
  });
}

export function TaskItem({ task, today, filters, neighborId }: TaskItemProps) {
  const { announce, scheduleDelete } = useTaskWorkspace();
  const update = useUpdateTask(task.id);
  const list = useList(task.listId);
  // Unknown lists (not loaded, or a task still being saved) stay editable: the server decides.
  const canEdit = !list || roleAllows(list.role, 'edit');
  const readOnlyId = `task-${task.id}-read-only`;
  const [editing, setEditing] = useState(false);
  const editButtonRef = useRef<HTMLButtonElement>(null);
  const [showActivity, setShowActivity] = useState(false);
  const activityId = useId();
  const returnFocusToEdit = useRef(false);
  const titleId = `task-${task.id}-title`;
  const unsaved = isUnsavedTask(task);

  useEffect(() => {
    if (!editing && returnFocusToEdit.current) {
      returnFocusToEdit.current = false;
      editButtonRef.current?.focus();
    }
  }, [editing]);

  function save(changes: TaskChanges, movedTo?: List) {
    const next = { ...task, ...changes };
    update.mutate({ task, changes });
    if (movedTo && filters.listId) {
      announce(`Moved “${next.title}” to “${movedTo.name}”.`);
    } else if (!taskMatchesFilters(next, filters)) {
      const what = changes.completed === undefined ? `Saved “${next.title}”` : `Marked “${next.title}” ${next.completed ? 'done' : 'not done'}`;
      announce(`${what}. It is no longer shown here because of the ${filters.q ? 'search' : 'filter'}.`);
    }
  }

  function finishEditing() {
    returnFocusToEdit.current = true;
    setEditing(false);
  }

  function handleDelete(event: MouseEvent<HTMLButtonElement>) {
    // detail is 0 when a key pressed the button: then the Undo button takes focus.
    scheduleDelete(task, { focusUndo: event.detail === 0, neighborId });
  }

  return (
    <li aria-labelledby={titleId} aria-busy={unsaved || undefined} data-task-id={task.id} className={styles.item}>
      {editing ? (
        <>
          <span id={titleId} className="visually-hidden">
            {task.title}
          </span>
          <TaskEditForm
            task={task}
            onSave={(changes, movedTo) => {
              if (Object.keys(changes).length > 0) save(changes, movedTo);
              finishEditing();
            }}
            onCancel={finishEditing}
          />
        </>
      ) : (
        <>
          <label className={styles.check}>
            <input
              type="checkbox"
              id={taskCheckboxId(task.id)}
              className={styles.checkbox}
              checked={task.completed}
              disabled={unsaved || !canEdit}
              aria-describedby={canEdit ? undefined : readOnlyId}
              onChange={() => save({ completed: !task.completed })}
            />
            <span className="visually-hidden">Mark “{task.title}” done</span>
          </label>
          <div className={styles.body}>
            <h3 id={titleId} className={task.completed ? `${styles.title} ${styles.titleDone}` : styles.title}>
              {task.title}
            </h3>
            {task.description ? <p className={styles.description}>{task.description}</p> : null}
            <TaskMeta task={task} today={today} unsaved={unsaved} list={filters.listId ? undefined : list} />
            {canEdit ? null : (
              <p id={readOnlyId} className={filters.listId ? 'visually-hidden' : styles.readOnly}>
                View only: you are a viewer of “{list?.name}”.
              </p>
            )}
          </div>
          <div className={styles.actions}>
            {canEdit ? (
              <Button ref={editButtonRef} variant="ghost" className={styles.actionButton} disabled={unsaved} onClick={() => setEditing(true)}>
                Edit<span className="visually-hidden"> “{task.title}”</span>
              </Button>
            ) : null}
            <Button
              variant="ghost"
              className={styles.actionButton}
              disabled={unsaved}
              aria-expanded={showActivity}
              aria-controls={showActivity ? activityId : undefined}
              onClick={() => setShowActivity((shown) => !shown)}
            >
              Activity<span className="visually-hidden"> of “{task.title}”</span>
            </Button>
            {canEdit ? (
              <Button variant="ghost" className={styles.actionButton} disabled={unsaved} onClick={handleDelete}>
                Delete<span className="visually-hidden"> “{task.title}”</span>
              </Button>
            ) : null}
          </div>
          <TaskAttachments task={task} filters={filters} disabled={unsaved} readOnly={!canEdit} />
          {showActivity && !unsaved ? (
            <Suspense fallback={null}>
              <TaskActivity id={activityId} taskId={task.id} taskTitle={task.title} />
            </Suspense>
          ) : null}
        </>
      )}
    </li>
  );
}

type TaskMetaProps = {
  readonly task: Task;
  readonly today: string | null;
  readonly unsaved: boolean;
  /** Shown as a chip in views across lists. */
  readonly list: List | undefined;
};

function TaskMeta({ task, today, unsaved, list }: TaskMetaProps) {
  const state = task.dueDate && today && !task.completed ? dueState(task.dueDate, today) : 'upcoming';
  return (
    <p className={styles.meta}>
      {list ? (
        <span className={styles.listChip}>
          <span className="visually-hidden">List: </span>
          {list.inbox ? <InboxIcon className={styles.listChipIcon} /> : <ListDot color={list.color} />}
          {list.name}
        </span>
      ) : null}
      <span className={`${styles.badge} ${styles[`priority-${task.priority}`]}`}>{PRIORITY_TEXT[task.priority]}</span>
      {task.dueDate && state === 'overdue' ? <span className={`${styles.badge} ${styles.overdue}`}>Overdue</span> : null}
      {task.dueDate && state === 'today' ? <span className={`${styles.badge} ${styles.dueToday}`}>Due today</span> : null}
      {task.dueDate && state !== 'today' ? (
        <span className={styles.due}>
          Due <time dateTime={task.dueDate}>{formatDueDate(task.dueDate)}</time>
        </span>
      ) : null}
      {task.dueDate && task.dueTime ? (
        <span className={styles.due}>
          <span className="visually-hidden">Due at </span>
          <time dateTime={`${task.dueDate}T${task.dueTime}`}>{task.dueTime}</time>
        </span>
      ) : null}
      {(task.tags ?? []).map((tag) => (
        <span key={tag} className={styles.labelChip}>
          <span className="visually-hidden">Tag: </span>+{tag}
        </span>
      ))}
      {unsaved ? <span className={styles.saving}>Saving…</span> : null}
    </p>
  );
}
