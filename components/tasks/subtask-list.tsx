'use client';

import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { SubtaskDraft } from '@/lib/client/tasks-api';
import { SUBTASK_TITLE_MAX, SUBTASKS_MAX } from '@/lib/tasks/rules';
import type { Subtask } from '@/lib/tasks/schema';
import { isCleanLine, FORBIDDEN_IN_LINE } from '@/lib/text-rules';
import { Button } from '@/components/ui/button';
import { stepIndex } from './task-order';
import styles from './task-panel.module.css';

type SubtaskListProps = {
  readonly subtasks: readonly Subtask[];
  readonly disabled: boolean;
  /** The whole checklist as it should be saved (new items without an id). */
  readonly onChange: (subtasks: readonly SubtaskDraft[]) => void;
};

/** Why a subtask title cannot be saved, or null. */
function subtaskProblem(title: string): string | null {
  if (title === '') return 'Enter a subtask.';
  if (title.length > SUBTASK_TITLE_MAX) return `Subtasks are at most ${SUBTASK_TITLE_MAX} characters.`;
  return isCleanLine(title) ? null : FORBIDDEN_IN_LINE;
}

function subtaskFieldId(listId: string, subtaskId: string): string {
  return `${listId}-${subtaskId}`;
}

/** A checklist: complete, rename (on leaving the field), reorder (buttons or Alt+↑/↓), delete and add. */
export function SubtaskList({ subtasks, disabled, onChange }: SubtaskListProps) {
  const listId = useId();
  const newId = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const done = subtasks.filter((subtask) => subtask.completed).length;

  function move(index: number, direction: 'up' | 'down') {
    const target = stepIndex(index, subtasks.length, direction);
    const moving = subtasks[index];
    if (target === null || !moving) return;
    const next = subtasks.filter((_, position) => position !== index);
    next.splice(target, 0, moving);
    onChange(next);
    // The field keeps focus as its row moves, so Alt+↑/↓ can be pressed again.
    requestAnimationFrame(() => document.getElementById(subtaskFieldId(listId, moving.id))?.focus());
  }

  function rename(subtask: Subtask, title: string) {
    const trimmed = title.trim();
    if (trimmed === subtask.title) return;
    const refused = subtaskProblem(trimmed);
    setProblem(refused);
    if (!refused) onChange(subtasks.map((item) => (item.id === subtask.id ? { ...item, title: trimmed } : item)));
  }

  function add(event: FormEvent) {
    event.preventDefault();
    const title = text.trim();
    const refused = subtasks.length >= SUBTASKS_MAX ? `A task has at most ${SUBTASKS_MAX} subtasks.` : subtaskProblem(title);
    setProblem(refused);
    if (refused) return;
    setText('');
    onChange([...subtasks, { title, completed: false }]);
  }

  function handleFieldKeys(event: KeyboardEvent<HTMLInputElement>, subtask: Subtask, index: number) {
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      rename(subtask, event.currentTarget.value);
      move(index, event.key === 'ArrowUp' ? 'up' : 'down');
    } else if (event.key === 'Enter') {
      event.preventDefault();
      rename(subtask, event.currentTarget.value);
    }
  }

  return (
    <section className={styles.section} aria-labelledby={`${listId}-heading`}>
      <h3 id={`${listId}-heading`} className={styles.sectionTitle}>
        Subtasks
        {subtasks.length > 0 ? (
          <span className={styles.progressText}>
            {done}/{subtasks.length}
            <span className="visually-hidden"> done</span>
          </span>
        ) : null}
      </h3>
      {subtasks.length > 0 ? (
        <>
          <progress className={styles.progress} max={subtasks.length} value={done} aria-label="Subtasks done" />
          <ul className={styles.subtasks} aria-label="Subtasks">
            {subtasks.map((subtask, index) => (
              <li key={subtask.id} className={styles.subtask}>
                <input
                  type="checkbox"
                  className={styles.subtaskCheck}
                  checked={subtask.completed}
                  disabled={disabled}
                  aria-label={`Complete subtask “${subtask.title}”`}
                  onChange={() => onChange(subtasks.map((item) => (item.id === subtask.id ? { ...item, completed: !item.completed } : item)))}
                />
                <input
                  key={subtask.title}
                  id={subtaskFieldId(listId, subtask.id)}
                  className={`${styles.subtaskTitle} ${subtask.completed ? styles.subtaskDone : ''}`}
                  defaultValue={subtask.title}
                  disabled={disabled}
                  maxLength={SUBTASK_TITLE_MAX}
                  aria-label={`Subtask ${index + 1} of ${subtasks.length}`}
                  aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
                  onBlur={(event) => rename(subtask, event.currentTarget.value)}
                  onKeyDown={(event) => handleFieldKeys(event, subtask, index)}
                />
                {disabled ? null : (
                  <span className={styles.subtaskActions}>
                    <Button variant="ghost" className={styles.iconButton} disabled={index === 0} onClick={() => move(index, 'up')}>
                      <span aria-hidden="true">↑</span>
                      <span className="visually-hidden">Move “{subtask.title}” up</span>
                    </Button>
                    <Button variant="ghost" className={styles.iconButton} disabled={index === subtasks.length - 1} onClick={() => move(index, 'down')}>
                      <span aria-hidden="true">↓</span>
                      <span className="visually-hidden">Move “{subtask.title}” down</span>
                    </Button>
                    <Button variant="ghost" className={styles.iconButton} onClick={() => onChange(subtasks.filter((item) => item.id !== subtask.id))}>
                      <span aria-hidden="true">×</span>
                      <span className="visually-hidden">Delete subtask “{subtask.title}”</span>
                    </Button>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {disabled ? null : (
        <form className={styles.inline} onSubmit={add} noValidate>
          <label htmlFor={newId} className="visually-hidden">
            New subtask
          </label>
          <input id={newId} className="input" autoComplete="off" placeholder="Add a subtask" maxLength={SUBTASK_TITLE_MAX} value={text} onChange={(event) => setText(event.target.value)} />
          <Button type="submit" variant="secondary">
            Add subtask
          </Button>
        </form>
      )}
      {problem ? (
        <p role="alert" className="field-error">
          {problem}
        </p>
      ) : null}
    </section>
  );
}
