'use client';

import type { DraggableSyntheticListeners } from '@dnd-kit/core';
import { AppLink } from '@/components/ui/app-link';
import { lazy, Suspense, useState, type CSSProperties, type DragEvent } from 'react';
import type { TaskChanges } from '@/lib/client/tasks-api';
import { isUnsavedTask } from '@/lib/query/task-mutations';
import { taskMatchesFilters, type TaskFilters } from '@/lib/query/task-filters';
import type { Task } from '@/lib/tasks/schema';
import { describeRecurrence } from '@/lib/recurrence/describe';
import { CalendarIcon, ChecklistIcon, ClockIcon, FlagIcon, InboxIcon, PaperclipIcon, RepeatIcon } from '@/components/lists/icons';
import { ListDot } from '@/components/lists/list-dot';
import { useList } from '@/components/lists/use-lists';
import { roleAllows } from '@/components/lists/rights';
import { dueState, formatDueDate } from './dates';
import { taskCheckboxId, taskOpenId } from './focus';
import { tagHref } from './tasks-href';
import { useTaskWorkspace } from './task-workspace';
import type { DroppedFiles } from './row-drop-upload';
import { useCompleteOccurrence } from './use-complete-occurrence';
import { useUpdateTask } from './use-update-task';
import styles from './task-row.module.css';

type TaskRowProps = {
  readonly task: Task;
  /** The viewer's date (YYYY-MM-DD), or null before it is known. */
  readonly today: string | null;
  /** The filters of the list the row is in: a change that takes it out of them is announced. */
  readonly filters: TaskFilters;
  /** In views across lists the row names its list. */
  readonly showList: boolean;
  readonly onOpen: (taskId: string) => void;
  /** In manual order: a drag handle; `drag` once the drag and drop code has loaded. */
  readonly reorder?: { readonly drag: RowDrag | null; readonly onHandleReached: () => void } | undefined;
  /** Under a heading that names its due day (Today, Upcoming): the row shows only the time, not the day again. */
  readonly dayInHeading?: boolean;
};

/** What a sortable row gets from the drag and drop code (sortable-rows.tsx). */
export type RowDrag = {
  readonly nodeRef: (element: HTMLElement | null) => void;
  readonly handleRef: (element: HTMLElement | null) => void;
  readonly handleListeners: NonNullable<DraggableSyntheticListeners>;
  readonly style: CSSProperties;
  readonly dragging: boolean;
};

// The upload code loads on the first drop onto a row.
const RowDropUpload = lazy(() => import('./row-drop-upload').then((module) => ({ default: module.RowDropUpload })));

let dropKeys = 0;

const PRIORITY_TEXT = { low: 'Low priority', medium: 'Medium priority', high: 'High priority' } as const;

/** Whether a drag carries files (a photo from the desktop), not text or a task. */
function carriesFiles(event: DragEvent<HTMLElement>): boolean {
  return Array.from(event.dataTransfer.types).includes('Files');
}

/**
 * One task, calm: a checkbox and a button that opens the details are its only Tab stops; the line
 * under the title shows due, priority, tags, list, subtask progress and photos. Dropping an image
 * on the row attaches it.
 */
export function TaskRow({ task, today, filters, showList, onOpen, reorder, dayInHeading = false }: TaskRowProps) {
  const { announce, reportError } = useTaskWorkspace();
  const update = useUpdateTask(task.id, reportError);
  const occurrence = useCompleteOccurrence(task.id, reportError);
  const list = useList(task.listId);
  // Unknown lists (not loaded, or a task still being saved) stay editable: the server decides.
  const canEdit = !list || roleAllows(list.role, 'edit');
  const unsaved = isUnsavedTask(task);
  const [dropped, setDropped] = useState<DroppedFiles | null>(null);
  const [dropping, setDropping] = useState(false);
  const titleId = `task-${task.id}-title`;
  const metaId = `task-${task.id}-meta`;

  function save(changes: TaskChanges) {
    const next = { ...task, ...changes };
    update.mutate({ task, changes });
    if (changes.completed !== undefined && !taskMatchesFilters(next, filters)) {
      announce(`Marked “${next.title}” ${next.completed ? 'done' : 'not done'}.`);
    }
  }

  const canDrop = canEdit && !unsaved;
  function handleDragOver(event: DragEvent<HTMLLIElement>) {
    if (!canDrop || !carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDropping(true);
  }

  function handleDrop(event: DragEvent<HTMLLIElement>) {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    setDropping(false);
    if (!canDrop) return;
    dropKeys += 1;
    setDropped({ key: dropKeys, files: Array.from(event.dataTransfer.files) });
  }

  const drag = reorder?.drag ?? null;
  const classes = [styles.row, task.completed ? styles.done : null, dropping ? styles.dropping : null, drag?.dragging ? styles.dragging : null]
    .filter(Boolean)
    .join(' ');
  return (
    <li
      ref={drag?.nodeRef}
      data-sortable={drag ? '' : undefined}
      style={drag?.style}
      aria-labelledby={titleId}
      aria-busy={unsaved || undefined}
      data-task-id={task.id}
      className={classes}
      onDragOver={handleDragOver}
      onDragEnter={handleDragOver}
      onDragLeave={() => setDropping(false)}
      onDrop={handleDrop}
    >
      {reorder && !unsaved && canEdit ? (
        // A mouse and touch affordance only: the keyboard moves rows with Alt+↑/↓, so it is no Tab stop.
        <span
          ref={drag?.handleRef}
          className={styles.handle}
          aria-hidden="true"
          title="Drag to reorder"
          onPointerEnter={drag ? undefined : reorder.onHandleReached}
          onPointerDown={drag ? undefined : reorder.onHandleReached}
          {...(drag?.handleListeners ?? {})}
        >
          ⠿
        </span>
      ) : null}
      {/* Only high and low have a class of their own (medium is the plain checkbox), hence the filter. */}
      <label className={[styles.check, styles[`check-${task.priority}`]].filter(Boolean).join(' ')}>
        <input
          type="checkbox"
          id={taskCheckboxId(task.id)}
          className={styles.checkbox}
          checked={task.completed}
          disabled={unsaved || !canEdit}
          aria-busy={occurrence.pending || undefined}
          onChange={() => (occurrence.appliesTo(task) ? !occurrence.pending && occurrence.complete(task) : save({ completed: !task.completed }))}
        />
        <span className="visually-hidden">Mark “{task.title}” done</span>
      </label>
      <div className={styles.body}>
        <button
          type="button"
          id={taskOpenId(task.id)}
          className={styles.open}
          disabled={unsaved}
          aria-describedby={metaId}
          aria-haspopup="dialog"
          onClick={() => onOpen(task.id)}
        >
          <span id={titleId} className={styles.title}>
            {task.title}
          </span>
        </button>
        <TaskRowMeta id={metaId} task={task} today={today} list={showList ? list : undefined} canEdit={canEdit} unsaved={unsaved} dayInHeading={dayInHeading} />
        {dropped ? (
          <Suspense fallback={null}>
            <RowDropUpload task={task} dropped={dropped} />
          </Suspense>
        ) : null}
      </div>
    </li>
  );
}

type TaskRowMetaProps = {
  readonly id: string;
  readonly task: Task;
  readonly today: string | null;
  readonly list: ReturnType<typeof useList>;
  readonly canEdit: boolean;
  readonly unsaved: boolean;
  readonly dayInHeading: boolean;
};

/** The quiet second line; empty parts leave no trace, so a bare task is one line. */
function TaskRowMeta({ id, task, today, list, canEdit, unsaved, dayInHeading }: TaskRowMetaProps) {
  const state = task.dueDate && today && !task.completed ? dueState(task.dueDate, today) : 'upcoming';
  const doneSubtasks = task.subtasks.filter((subtask) => subtask.completed).length;
  const photos = task.attachments.filter((attachment) => attachment.status !== 'failed').length;
  return (
    <p id={id} className={styles.meta}>
      {task.dueDate && dayInHeading ? (
        task.dueTime ? (
          <span className={styles.due}>
            <ClockIcon className={styles.icon} />
            <span className="visually-hidden">At </span>
            <time dateTime={`${task.dueDate}T${task.dueTime}`}>{task.dueTime}</time>
          </span>
        ) : null
      ) : task.dueDate ? (
        <span className={`${styles.due} ${state === 'overdue' ? styles.overdue : state === 'today' ? styles.today : ''}`}>
          <CalendarIcon className={styles.icon} />
          {state === 'overdue' ? <span className="visually-hidden">Overdue, </span> : null}
          {state === 'today' ? 'Due today' : <>Due <time dateTime={task.dueDate}>{formatDueDate(task.dueDate)}</time></>}
          {task.dueTime ? (
            <>
              <span className="visually-hidden"> at</span> <time dateTime={`${task.dueDate}T${task.dueTime}`}>{task.dueTime}</time>
            </>
          ) : null}
          {state === 'overdue' ? <span aria-hidden="true"> · Overdue</span> : null}
        </span>
      ) : null}
      {task.recurrence ? <RepeatMark words={describeRecurrence(task.recurrence) ?? 'Repeats'} /> : null}
      {task.priority !== 'medium' ? (
        <span className={`${styles.priority} ${styles[`priority-${task.priority}`]}`}>
          <FlagIcon className={styles.icon} />
          {PRIORITY_TEXT[task.priority]}
        </span>
      ) : (
        <span className="visually-hidden">{PRIORITY_TEXT.medium}</span>
      )}
      {task.subtasks.length > 0 ? (
        <span className={styles.part}>
          <ChecklistIcon className={styles.icon} />
          {doneSubtasks}/{task.subtasks.length}
          <span className="visually-hidden"> subtasks done</span>
        </span>
      ) : null}
      {photos > 0 ? (
        <span className={styles.part}>
          <PaperclipIcon className={styles.icon} />
          {photos}
          <span className="visually-hidden">{photos === 1 ? ' photo' : ' photos'}</span>
        </span>
      ) : null}
      {task.tags.map((tag) => (
        // A mouse shortcut to the tag's view; the details panel has the keyboard's way there.
        <AppLink key={tag} href={tagHref(tag)} tabIndex={-1} prefetch={false} className={styles.tag}>
          <span className="visually-hidden">Tag </span>+{tag}
        </AppLink>
      ))}
      {list ? (
        <span className={styles.list}>
          <span className="visually-hidden">List: </span>
          {list.inbox ? <InboxIcon className={styles.icon} /> : <ListDot color={list.color} />}
          {list.name}
        </span>
      ) : null}
      {canEdit ? null : <span className={styles.part}>View only</span>}
      {unsaved ? <span className={styles.part}>Saving…</span> : null}
    </p>
  );
}

/** The repeat icon: the rule in words as its name and tooltip, read with the row's description. */
function RepeatMark({ words }: { readonly words: string }) {
  return (
    <span className={styles.part} role="img" aria-label={`Repeats: ${words}`} title={words}>
      <RepeatIcon className={styles.icon} />
    </span>
  );
}
