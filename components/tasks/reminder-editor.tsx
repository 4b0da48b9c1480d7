'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ApiError } from '@/lib/client/api';
import { fetchTaskReminders, saveTaskReminders } from '@/lib/client/reminders-api';
import { BEFORE_PRESETS, REMINDERS_MAX, type Reminder, type ReminderRule } from '@/lib/reminders/rules';
import { Button } from '@/components/ui/button';
import styles from './task-panel.module.css';

/** The caller's own reminders on a task (SPEC §6.2): presets before the due time, or a date and time of their choosing. */

const reminderKey = (taskId: string, due: string) => ['task-reminders', taskId, due] as const;

function ruleOf(reminder: Reminder): ReminderRule {
  return reminder.before !== undefined ? { before: reminder.before } : { at: reminder.at };
}

function describe(reminder: Reminder): string {
  const when = new Date(reminder.at).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
  if (reminder.before === undefined) return when;
  const preset = BEFORE_PRESETS.find((item) => item.before === reminder.before);
  return `${preset?.label ?? `${reminder.before} minutes before`} (${when})`;
}

export function ReminderEditor({ taskId, dueDate, dueTime }: { readonly taskId: string; readonly dueDate: string | null; readonly dueTime: string | null }) {
  const ids = useId();
  const queryClient = useQueryClient();
  // Keyed by the due date and time too: the server re-plans relative reminders when they change.
  const key = reminderKey(taskId, `${dueDate ?? ''}T${dueTime ?? ''}`);
  const { data: reminders = [] } = useQuery({ queryKey: key, queryFn: () => fetchTaskReminders(taskId) });
  const [preset, setPreset] = useState(String(BEFORE_PRESETS[0]!.before));
  const [custom, setCustom] = useState('');
  const save = useMutation({
    mutationFn: (rules: ReminderRule[]) => saveTaskReminders(taskId, rules),
    onSuccess: (saved) => queryClient.setQueryData(key, saved),
  });
  const problem = save.error instanceof ApiError ? (save.error.errors[0]?.message ?? save.error.detail) : save.error ? 'Could not save the reminders.' : null;
  const full = reminders.length >= REMINDERS_MAX;
  const replace = (rules: ReminderRule[]) => save.mutate(rules);
  const current = reminders.map(ruleOf);

  return (
    <section className={styles.section} aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} className={styles.sectionTitle}>
        Reminders
      </h3>
      {reminders.length > 0 ? (
        <ul aria-label="Your reminders">
          {reminders.map((reminder) => (
            <li key={reminder.id}>
              {describe(reminder)}{' '}
              <Button variant="ghost" aria-label={`Remove reminder ${describe(reminder)}`} onClick={() => replace(current.filter((_, index) => reminders[index]!.id !== reminder.id))}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="field-hint">No reminders. Only you get the ones you set.</p>
      )}
      <div className="field">
        <label htmlFor={`${ids}-preset`} className="field-label">
          Remind me
        </label>
        <select id={`${ids}-preset`} className="input" value={preset} disabled={!dueDate} onChange={(event) => setPreset(event.target.value)}>
          {BEFORE_PRESETS.map((item) => (
            <option key={item.before} value={item.before}>
              {item.label}
            </option>
          ))}
        </select>
        <Button variant="secondary" disabled={!dueDate || full} pending={save.isPending} onClick={() => replace([...current, { before: Number(preset) }])}>
          Add reminder
        </Button>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-custom`} className="field-label">
          At a date and time
        </label>
        <input id={`${ids}-custom`} type="datetime-local" className="input" value={custom} onChange={(event) => setCustom(event.target.value)} />
        <Button
          variant="secondary"
          disabled={!custom || full}
          onClick={() => {
            // datetime-local is the browser's local wall time; the server takes an instant.
            replace([...current, { at: new Date(custom).toISOString() }]);
            setCustom('');
          }}
        >
          Add this time
        </Button>
      </div>
      {full ? <p className="field-hint">At most {REMINDERS_MAX} reminders a task.</p> : null}
      {problem ? (
        <p role="alert" className="field-error">
          {problem}
        </p>
      ) : null}
    </section>
  );
}
