'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { ApiError } from '@/lib/client/api';
import {
  isUnsavedTask,
  taskMatchesFilters,
  updateTaskMutation,
  type TaskChanges,
  type TaskFilters,
  type UpdateTaskVariables,
} from '@/lib/query/tasks';
import type { List } from '@/lib/lists/schema';
import type { Task } from '@/lib/tasks/schema';
import { InboxIcon } from '@/components/lists/icons';
import { ListDot } from '@/components/lists/list-dot';
import { useList, useLists } from '@/components/lists/use-lists';
import { roleAllows } from '@/components/lists/rights';
import { Button } from '@/components/ui/button';
import { dueState, formatDueDate } from './dates';
import { taskCheckboxId } from './focus';
import { TaskAttachments } from './task-attachments';
import { DESCRIPTION_MAX, draftOf, readDraft, TITLE_MAX, type TaskDraft, type TaskDraftErrors } from './task-input';
import { PriorityField } from './priority-field';
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
      {unsaved ? <span className={styles.saving}>Saving…</span> : null}
    </p>
  );
}

type TaskEditFormProps = {
  readonly task: Task;
  /** Called with only the fields that changed (maybe none), and the list it moves to if it does. */
  readonly onSave: (changes: TaskChanges, movedTo?: List) => void;
  readonly onCancel: () => void;
};

/** Inline editing: Enter saves (Ctrl/⌘+Enter inside the description), Escape cancels. */
function TaskEditForm({ task, onSave, onCancel }: TaskEditFormProps) {
  const [draft, setDraft] = useState<TaskDraft>(() => draftOf(task));
  const [errors, setErrors] = useState<TaskDraftErrors>({});
  const [listId, setListId] = useState(task.listId);
  const { data: lists } = useLists();
  // A task may move to any list whose role lets the person change tasks.
  const targets = useMemo(() => (lists ?? []).filter((list) => roleAllows(list.role, 'edit')), [lists]);
  const titleRef = useRef<HTMLInputElement>(null);
  const ids = {
    title: `task-${task.id}-edit-title`,
    description: `task-${task.id}-edit-description`,
    dueDate: `task-${task.id}-edit-due-date`,
    priority: `task-${task.id}-edit-priority`,
    list: `task-${task.id}-edit-list`,
  };

  useEffect(() => {
    titleRef.current?.focus();
    titleRef.current?.select();
  }, []);

  function change<K extends keyof TaskDraft>(key: K, value: TaskDraft[K]) {
    setDraft((current) => ({ ...current, [key]: value }));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = readDraft(draft);
    if (result.errors) {
      setErrors(result.errors);
      const first = (['title', 'description', 'dueDate'] as const).find((key) => result.errors[key]);
      if (first) document.getElementById(ids[first])?.focus();
      return;
    }
    const next = result.task;
    const changes: TaskChanges = {
      ...(next.title !== task.title ? { title: next.title } : {}),
      ...(next.description !== task.description ? { description: next.description } : {}),
      ...(next.dueDate !== task.dueDate ? { dueDate: next.dueDate } : {}),
      ...(next.priority !== task.priority ? { priority: next.priority } : {}),
      ...(listId !== task.listId ? { listId } : {}),
    };
    onSave(changes, listId !== task.listId ? targets.find((list) => list.id === listId) : undefined);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && event.target instanceof HTMLTextAreaElement) {
      event.preventDefault();
      event.currentTarget.requestSubmit();
    }
  }

  const errorId = (key: keyof TaskDraft) => (errors[key] ? `${ids[key]}-error` : undefined);
  const fieldClass = (key: keyof TaskDraft, extra?: string) =>
    ['field', errors[key] ? 'field-invalid' : null, extra].filter(Boolean).join(' ');
  const fieldError = (key: keyof TaskDraft) =>
    errors[key] ? (
      <p id={errorId(key)} className="field-error">
        <span className="visually-hidden">Error: </span>
        {errors[key]}
      </p>
    ) : null;

  return (
    <form className={styles.editForm} aria-label={`Edit “${task.title}”`} noValidate onSubmit={handleSubmit} onKeyDown={handleKeyDown}>
      <div className={fieldClass('title', styles.editWide)}>
        <label htmlFor={ids.title} className="field-label">
          Title
        </label>
        {fieldError('title')}
        <input
          ref={titleRef}
          id={ids.title}
          name="title"
          className="input"
          autoComplete="off"
          required
          maxLength={TITLE_MAX}
          value={draft.title}
          onChange={(event) => change('title', event.target.value)}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={errorId('title')}
        />
      </div>
      <div className={fieldClass('description', styles.editWide)}>
        <label htmlFor={ids.description} className="field-label">
          Description<span className="field-optional"> (optional)</span>
        </label>
        {fieldError('description')}
        <textarea
          id={ids.description}
          name="description"
          className={`input ${styles.textarea}`}
          rows={2}
          maxLength={DESCRIPTION_MAX}
          value={draft.description}
          onChange={(event) => change('description', event.target.value)}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={errorId('description')}
        />
      </div>
      <div className={fieldClass('dueDate')}>
        <label htmlFor={ids.dueDate} className="field-label">
          Due date<span className="field-optional"> (optional)</span>
        </label>
        {fieldError('dueDate')}
        <input
          id={ids.dueDate}
          name="dueDate"
          type="date"
          className="input"
          value={draft.dueDate}
          onChange={(event) => change('dueDate', event.target.value)}
          aria-invalid={errors.dueDate ? true : undefined}
          aria-describedby={errorId('dueDate')}
        />
      </div>
      <PriorityField id={ids.priority} value={draft.priority} onChange={(priority) => change('priority', priority)} />
      {targets.length > 1 && targets.some((list) => list.id === task.listId) ? (
        <div className="field">
          <label htmlFor={ids.list} className="field-label">
            List
          </label>
          <select id={ids.list} name="listId" className="input" value={listId} onChange={(event) => setListId(event.target.value)}>
            {targets.map((list) => (
              <option key={list.id} value={list.id}>
                {list.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className={`button-row ${styles.editButtons}`}>
        <Button type="submit">Save</Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
