'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import type { TaskChanges } from '@/lib/client/tasks-api';
import { adoptFetchedTask, cachedTask } from '@/lib/query/task-cache';
import { isNotFound } from '@/lib/query/task-mutations';
import type { TaskFilters } from '@/lib/query/task-filters';
import { taskDetailOptions } from '@/lib/query/task-queries';
import { DESCRIPTION_MAX, TIME_PATTERN, TITLE_MAX } from '@/lib/tasks/rules';
import type { Task } from '@/lib/tasks/schema';
import { CloseIcon } from '@/components/lists/icons';
import { roleAllows } from '@/components/lists/rights';
import { useList, useLists } from '@/components/lists/use-lists';
import { Button } from '@/components/ui/button';
import { PriorityField } from './priority-field';
import { ReminderEditor } from './reminder-editor';
import { RepeatField } from './repeat-field';
import { titleProblem } from './task-input';
import { SubtaskList } from './subtask-list';
import { TagEditor } from './tag-editor';
import { TaskAttachments } from './task-attachments';
import { useTaskWorkspace } from './task-workspace';
import { useCompleteOccurrence } from './use-complete-occurrence';
import { useUpdateTask } from './use-update-task';
import styles from './task-panel.module.css';

const TaskActivity = lazy(() => import('@/components/activity/task-activity').then((module) => ({ default: module.TaskActivity })));

type TaskPanelProps = {
  readonly taskId: string;
  readonly filters: TaskFilters;
  /** The panel closed (Escape, Close, or the task was deleted). */
  readonly onClose: () => void;
};

/**
 * Every field of one task in a modal side panel (a full-screen sheet on phones). Each field saves
 * when it is left or changed, with If-Match; a refusal is said here and the latest version shown.
 */
export function TaskPanel({ taskId, filters, onClose }: TaskPanelProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const queryClient = useQueryClient();
  const query = useQuery({ ...taskDetailOptions(taskId), initialData: () => cachedTask(queryClient, taskId), initialDataUpdatedAt: 0 });
  const task = query.data;

  // The panel reads the task afresh when it opens; a newer version than the list's shows in the row too.
  useEffect(() => {
    if (query.data && query.dataUpdatedAt > 0) adoptFetchedTask(queryClient, query.data);
  }, [queryClient, query.data, query.dataUpdatedAt]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className={styles.panel}
      aria-labelledby={headingId}
      onClose={(event) => {
        // React passes a nested dialog's close (the photo viewer) up the tree: only our own closes the panel.
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className={styles.header}>
        <h2 id={headingId} className={styles.heading}>
          Task details
        </h2>
        <Button variant="ghost" className={styles.close} onClick={() => dialogRef.current?.close()}>
          <CloseIcon />
          <span className="visually-hidden">Close details</span>
        </Button>
      </div>
      {task ? (
        <TaskFields task={task} filters={filters} onDeleted={() => dialogRef.current?.close()} />
      ) : query.isError ? (
        <p role="alert" className={styles.body}>
          {isNotFound(query.error) ? 'This task no longer exists; it may have been deleted elsewhere.' : 'The task could not be loaded. Close and try again.'}
        </p>
      ) : (
        <p role="status" className={styles.body}>
          Loading the task…
        </p>
      )}
    </dialog>
  );
}

function TaskFields({ task, filters, onDeleted }: { readonly task: Task; readonly filters: TaskFilters; readonly onDeleted: () => void }) {
  const ids = useId();
  const { scheduleDelete } = useTaskWorkspace();
  const [problem, setProblem] = useState<string | null>(null);
  const update = useUpdateTask(task.id, setProblem);
  const occurrence = useCompleteOccurrence(task.id, setProblem);
  const list = useList(task.listId);
  const lists = useLists();
  const canEdit = !list || roleAllows(list.role, 'edit');
  const targets = (lists.data ?? []).filter((item) => roleAllows(item.role, 'edit'));
  const [title, setTitle] = useState(task.title);
  const [description, setDescription] = useState(task.description ?? '');
  // A change from elsewhere (another tab, the 412's fresh copy) replaces what the fields show.
  const [seen, setSeen] = useState({ title: task.title, description: task.description });
  if (seen.title !== task.title || seen.description !== task.description) {
    setSeen({ title: task.title, description: task.description });
    setTitle(task.title);
    setDescription(task.description ?? '');
  }

  function save(changes: TaskChanges) {
    setProblem(null);
    update.mutate({ task, changes });
  }

  function saveTitle() {
    const trimmed = title.trim();
    if (trimmed === task.title) return;
    const refused = titleProblem(trimmed);
    if (refused) {
      setProblem(refused);
      setTitle(task.title);
      return;
    }
    save({ title: trimmed });
  }

  function saveDescription() {
    const next = description.trim() === '' ? null : description.trim();
    if (next !== task.description) save({ description: next });
  }

  return (
    <div className={styles.body}>
      {problem ? (
        <p role="alert" className={styles.problem}>
          {problem}
        </p>
      ) : null}
      {canEdit ? null : <p className={styles.note}>View only: you are a viewer of “{list?.name}”.</p>}
      <fieldset className={styles.fields} disabled={!canEdit}>
        <legend className="visually-hidden">{task.title}</legend>
        <div className={styles.titleRow}>
          <input
            type="checkbox"
            className={styles.complete}
            checked={task.completed}
            aria-label={`Mark “${task.title}” done`}
            onChange={() => {
              if (!occurrence.appliesTo(task)) save({ completed: !task.completed });
              else if (!occurrence.pending) {
                setProblem(null);
                occurrence.complete(task);
              }
            }}
          />
          <label htmlFor={`${ids}-title`} className="visually-hidden">
            Title
          </label>
          <input
            id={`${ids}-title`}
            className={styles.titleInput}
            autoComplete="off"
            maxLength={TITLE_MAX}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            onBlur={saveTitle}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                saveTitle();
              }
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-description`} className="field-label">
            Description
          </label>
          <textarea
            id={`${ids}-description`}
            className={`input ${styles.description}`}
            rows={3}
            maxLength={DESCRIPTION_MAX}
            placeholder="Notes"
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            onBlur={saveDescription}
          />
        </div>
        <div className={styles.grid}>
          <div className="field">
            <label htmlFor={`${ids}-due`} className="field-label">
              Due date
            </label>
            <input
              id={`${ids}-due`}
              type="date"
              className="input"
              value={task.dueDate ?? ''}
              onChange={(event) => save(event.target.value ? { dueDate: event.target.value } : { dueDate: null, dueTime: null })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${ids}-time`} className="field-label">
              Due time
            </label>
            <input
              id={`${ids}-time`}
              type="time"
              className="input"
              disabled={!task.dueDate}
              value={task.dueTime ?? ''}
              onChange={(event) => {
                const value = event.target.value;
                if (value === '' || TIME_PATTERN.test(value)) save({ dueTime: value || null });
              }}
            />
          </div>
          <PriorityField id={`${ids}-priority`} value={task.priority} onChange={(priority) => save({ priority })} />
          {targets.some((item) => item.id === task.listId) ? (
            <div className="field">
              <label htmlFor={`${ids}-list`} className="field-label">
                List
              </label>
              <select id={`${ids}-list`} className="input" value={task.listId} onChange={(event) => save({ listId: event.target.value })}>
                {targets.map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </div>
        <RepeatField task={task} disabled={!canEdit} onSave={save} onProblem={setProblem} />
      </fieldset>
      <TagEditor tags={task.tags} disabled={!canEdit} onChange={(tags) => save({ tags })} />
      <SubtaskList subtasks={task.subtasks} disabled={!canEdit} onChange={(subtasks) => save({ subtasks })} />
      <ReminderEditor taskId={task.id} dueDate={task.dueDate} dueTime={task.dueTime} />
      <section className={styles.section} aria-label="Photos">
        <h3 className={styles.sectionTitle}>Photos</h3>
        <TaskAttachments task={task} filters={filters} disabled={false} readOnly={!canEdit} />
      </section>
      <Suspense fallback={null}>
        <TaskActivity id={`${ids}-activity`} taskId={task.id} taskTitle={task.title} />
      </Suspense>
      {canEdit ? (
        <div className={styles.footer}>
          <Button
            variant="danger"
            onClick={() => {
              // Closed first: the Undo button can take focus only once the page is no longer inert.
              onDeleted();
              scheduleDelete(task, { focusUndo: true, neighborId: null });
            }}
          >
            Delete task
          </Button>
        </div>
      ) : null}
    </div>
  );
}
