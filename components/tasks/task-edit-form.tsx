'use client';

import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { TaskChanges } from '@/lib/client/tasks-api';
import { DESCRIPTION_MAX, TITLE_MAX } from '@/lib/tasks/rules';
import type { List } from '@/lib/lists/schema';
import type { Task } from '@/lib/tasks/schema';
import { roleAllows } from '@/components/lists/rights';
import { useLists } from '@/components/lists/use-lists';
import { Button } from '@/components/ui/button';
import { PriorityField } from './priority-field';
import { draftOf, readDraft, type TaskDraft, type TaskDraftErrors } from './task-input';
import styles from './tasks.module.css';

type TaskEditFormProps = {
  readonly task: Task;
  /** Called with only the fields that changed (maybe none), and the list it moves to if it does. */
  readonly onSave: (changes: TaskChanges, movedTo?: List) => void;
  readonly onCancel: () => void;
};

/** Inline editing: Enter saves (Ctrl/⌘+Enter inside the description), Escape cancels. */
export function TaskEditForm({ task, onSave, onCancel }: TaskEditFormProps) {
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
