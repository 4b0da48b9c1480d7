'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import type { ChangedField } from '@/lib/offline/merge';
import { describeRecurrence } from '@/lib/recurrence/describe';
import type { Recurrence } from '@/lib/recurrence/rules';
import type { ConflictChoice, PendingConflict } from '@/lib/offline/outbox-state';
import styles from './offline.module.css';

const FIELD_LABELS: Record<ChangedField, string> = {
  title: 'Title',
  description: 'Description',
  dueDate: 'Due date',
  dueTime: 'Due time',
  priority: 'Priority',
  completed: 'Done',
  listId: 'List',
  tags: 'Tags',
  position: 'Position',
  subtasks: 'Subtasks',
  recurrence: 'Repeat',
};

/** A value as the person reads it. */
function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'object' && !Array.isArray(value) && 'rule' in value) return describeRecurrence(value as Recurrence) ?? 'Repeats';
  if (Array.isArray(value)) {
    return value.length === 0 ? '(none)' : value.map((item: unknown) => (typeof item === 'object' && item !== null && 'title' in item ? String(item.title) : String(item))).join(', ');
  }
  return String(value);
}

/** A change made offline met another one to the same field: the person picks which value stays, per field. */
export function ConflictDialog({ conflict }: { readonly conflict: PendingConflict }) {
  const [choice, setChoice] = useState<Record<string, 'mine' | 'theirs'>>(() =>
    Object.fromEntries(conflict.conflicts.map(({ field }) => [field, 'mine'])),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    conflict.decide(choice as ConflictChoice);
  };
  return (
    <Dialog
      open
      // Closing without choosing keeps the other device's values: nothing of theirs is overwritten unasked.
      onClose={() => conflict.decide({})}
      title="This task was changed on another device"
      description={`“${conflict.taskTitle}” was changed elsewhere while you were offline. Choose which value to keep for each field.`}
    >
      <form onSubmit={submit} className={styles.conflictForm}>
        {conflict.conflicts.map(({ field, mine, theirs }, index) => (
          <fieldset key={field} className={styles.conflictField}>
            <legend>{FIELD_LABELS[field]}</legend>
            {(['mine', 'theirs'] as const).map((side) => (
              <label key={side} className={styles.choice}>
                <input
                  type="radio"
                  name={field}
                  value={side}
                  checked={choice[field] === side}
                  onChange={() => setChoice((current) => ({ ...current, [field]: side }))}
                  {...(index === 0 && side === 'mine' ? { 'data-autofocus': true } : {})}
                />
                {side === 'mine' ? 'Mine' : 'Theirs'}: {shown(side === 'mine' ? mine : theirs)}
              </label>
            ))}
          </fieldset>
        ))}
        <div className="button-row">
          <Button type="submit">Keep these values</Button>
        </div>
      </form>
    </Dialog>
  );
}
