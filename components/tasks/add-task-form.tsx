'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { createTaskMutation } from '@/lib/query/task-mutations';
import { taskMatchesFilters, type TaskFilters } from '@/lib/query/task-filters';
import { DESCRIPTION_MAX, TITLE_MAX } from '@/lib/tasks/rules';
import { useInbox } from '@/components/lists/use-lists';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useFormErrors } from '@/components/ui/use-form-errors';
import { NEW_TASK_TITLE_ID } from './focus';
import { draftOf, EMPTY_DRAFT, readDraft, type TaskDraft } from './task-input';
import { PriorityField } from './priority-field';
import styles from './tasks.module.css';

const FIELD_IDS = {
  title: NEW_TASK_TITLE_ID,
  description: 'new-task-description',
  dueDate: 'new-task-due-date',
  priority: 'new-task-priority',
};

/**
 * Adds a task optimistically: it shows at the top of the list at once, and the form is ready for the next.
 * It goes to the list shown, or to the Inbox in views across lists.
 */
export function AddTaskForm({ filters }: { readonly filters: TaskFilters }) {
  const queryClient = useQueryClient();
  const inbox = useInbox();
  const listId = filters.listId ?? inbox?.id;
  const errors = useFormErrors(FIELD_IDS);
  const [draft, setDraft] = useState<TaskDraft>(EMPTY_DRAFT);
  const [confirmation, setConfirmation] = useState('');

  const base = useMemo(() => createTaskMutation(queryClient), [queryClient]);
  const mutation = useMutation({
    ...base,
    onError: (error, input, result, context) => {
      void base.onError?.(error, input, result, context);
      // Nothing typed is lost: the fields get the task back so it can be sent again.
      setDraft(draftOf(input));
      setConfirmation('');
      errors.showError(error);
    },
  });

  function change<K extends keyof TaskDraft>(key: K, value: TaskDraft[K]) {
    setDraft((current) => ({ ...current, [key]: value }));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = readDraft(draft);
    if (result.errors) {
      setConfirmation('');
      errors.show(result.errors);
      return;
    }
    const task = listId ? { ...result.task, listId } : result.task;
    errors.clear();
    mutation.mutate(task);
    setDraft((current) => ({ ...EMPTY_DRAFT, priority: current.priority }));
    const shown = taskMatchesFilters({ ...task, completed: false }, { ...filters, status: 'open' });
    setConfirmation(
      shown
        ? `Added “${task.title}”.`
        : `Added “${task.title}”. It is not shown here because of the ${filters.q ? 'search' : 'filter'}.`,
    );
    // Ready for the next one, in this form.
    document.getElementById(NEW_TASK_TITLE_ID)?.focus();
  }

  return (
    <form className={`form ${styles.addForm}`} aria-labelledby="add-task-heading" noValidate onSubmit={handleSubmit}>
      {errors.hasErrors ? <FormError key={errors.attempt} message={errors.message} items={errors.items} /> : null}
      <Field
        id={FIELD_IDS.title}
        name="title"
        label="Title"
        autoComplete="off"
        required
        maxLength={TITLE_MAX}
        value={draft.title}
        onChange={(event) => change('title', event.target.value)}
        error={errors.fields.title}
      />
      <div className={['field', errors.fields.description ? 'field-invalid' : null].filter(Boolean).join(' ')}>
        <label htmlFor={FIELD_IDS.description} className="field-label">
          Description<span className="field-optional"> (optional)</span>
        </label>
        {errors.fields.description ? (
          <p id={`${FIELD_IDS.description}-error`} className="field-error">
            <span className="visually-hidden">Error: </span>
            {errors.fields.description}
          </p>
        ) : null}
        <textarea
          id={FIELD_IDS.description}
          name="description"
          className={`input ${styles.textarea}`}
          rows={2}
          maxLength={DESCRIPTION_MAX}
          value={draft.description}
          onChange={(event) => change('description', event.target.value)}
          aria-invalid={errors.fields.description ? true : undefined}
          aria-describedby={errors.fields.description ? `${FIELD_IDS.description}-error` : undefined}
        />
      </div>
      <div className={styles.addRow}>
        <Field
          id={FIELD_IDS.dueDate}
          name="dueDate"
          type="date"
          label="Due date"
          optional
          value={draft.dueDate}
          onChange={(event) => change('dueDate', event.target.value)}
          error={errors.fields.dueDate}
        />
        <PriorityField id={FIELD_IDS.priority} value={draft.priority} onChange={(priority) => change('priority', priority)} />
        <Button type="submit" className={styles.addButton}>
          Add task
        </Button>
      </div>
      <p role="status" className={styles.formStatus}>
        {confirmation}
      </p>
    </form>
  );
}
