'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { ApiError } from '@/lib/client/api';
import type { TaskChanges } from '@/lib/client/tasks-api';
import { skipOccurrenceMutation } from '@/lib/query/task-occurrences';
import { describeRecurrence } from '@/lib/recurrence/describe';
import {
  draftOf,
  draftRecurrence,
  isValidInterval,
  presetLabel,
  presetRule,
  REPEAT_PRESETS,
  repeatChoice,
  type RepeatChoice,
  type RepeatDraft,
} from '@/lib/recurrence/presets';
import { FREQUENCIES, INTERVAL_MAX, WEEKDAYS, type Frequency, type Weekday } from '@/lib/recurrence/rules';
import type { Task } from '@/lib/tasks/schema';
import { RepeatIcon } from '@/components/lists/icons';
import { Button } from '@/components/ui/button';
import styles from './repeat-field.module.css';

type RepeatFieldProps = {
  readonly task: Task;
  readonly disabled: boolean;
  /** Saves through the panel's conditional update; a refusal (400, 412) is said by the panel. */
  readonly onSave: (changes: TaskChanges) => void;
  readonly onProblem: (message: string) => void;
};

const UNIT_NAMES: Record<Frequency, readonly [one: string, many: string]> = {
  DAILY: ['day', 'days'],
  WEEKLY: ['week', 'weeks'],
  MONTHLY: ['month', 'months'],
  YEARLY: ['year', 'years'],
};
const WEEKDAY_SHORT: Record<Weekday, string> = { MO: 'Mon', TU: 'Tue', WE: 'Wed', TH: 'Thu', FR: 'Fri', SA: 'Sat', SU: 'Sun' };
const WEEKDAY_LONG: Record<Weekday, string> = { MO: 'Monday', TU: 'Tuesday', WE: 'Wednesday', TH: 'Thursday', FR: 'Friday', SA: 'Saturday', SU: 'Sunday' };

const isChoice = (value: string): value is RepeatChoice => value === 'custom' || (REPEAT_PRESETS as readonly string[]).includes(value);
const isFrequency = (value: string): value is Frequency => (FREQUENCIES as readonly string[]).includes(value);

/**
 * The task's "Repeat" field: presets built from the due date, a custom editor, the rule in words,
 * and the series' actions (skip this occurrence, stop repeating). A rule needs a due date.
 */
export function RepeatField({ task, disabled, onSave, onProblem }: RepeatFieldProps) {
  const ids = useId();
  const queryClient = useQueryClient();
  const skipBase = useMemo(() => skipOccurrenceMutation(queryClient, task.id), [queryClient, task.id]);
  const skip = useMutation({
    ...skipBase,
    onError: (error, variables, result, context) => {
      void skipBase.onError?.(error, variables, result, context);
      onProblem(`The occurrence was not skipped. ${error instanceof ApiError ? error.detail : 'Try again in a moment.'}`);
    },
  });
  const [draft, setDraft] = useState<RepeatDraft | null>(null);
  const dueDate = task.dueDate;
  const stored = repeatChoice(task.recurrence, dueDate);
  const choice: RepeatChoice = draft ? 'custom' : stored;
  const words = task.recurrence ? (describeRecurrence(task.recurrence) ?? 'Repeats') : null;
  const hintId = `${ids}-hint`;

  function choose(next: RepeatChoice) {
    if (!dueDate) return;
    if (next === 'custom') {
      setDraft(draftOf(task.recurrence, dueDate));
      return;
    }
    setDraft(null);
    const rule = presetRule(next, dueDate);
    // A preset keeps where the task counted from; "None" ends the series.
    onSave({ recurrence: rule === null ? null : { rule, from: task.recurrence?.from ?? 'due' } });
  }

  return (
    <div className={styles.repeat}>
      <div className="field">
        <label htmlFor={`${ids}-choice`} className="field-label">
          Repeat
        </label>
        <select
          id={`${ids}-choice`}
          className="input"
          disabled={disabled || !dueDate}
          aria-describedby={hintId}
          value={choice}
          onChange={(event) => {
            if (isChoice(event.target.value)) choose(event.target.value);
          }}
        >
          {REPEAT_PRESETS.map((preset) => (
            <option key={preset} value={preset}>
              {presetLabel(preset, dueDate)}
            </option>
          ))}
          <option value="custom">Custom…</option>
        </select>
        <p id={hintId} className="field-hint">
          {!dueDate ? (
            'Set a due date to make this task repeat.'
          ) : draft ? (
            // The editor below says its rule in words; the saved one would read as a second answer.
            'Set the rule below, then Save repeat.'
          ) : words ? (
            <span className={styles.words}>
              <RepeatIcon className={styles.icon} />
              {words}
            </span>
          ) : (
            'Does not repeat.'
          )}
        </p>
      </div>
      {draft && dueDate ? (
        <CustomRepeat
          draft={draft}
          dueDate={dueDate}
          disabled={disabled}
          onChange={setDraft}
          onCancel={() => setDraft(null)}
          onApply={(recurrence) => {
            setDraft(null);
            onSave({ recurrence });
          }}
        />
      ) : null}
      {task.recurrence && !task.completed && !disabled ? (
        <div className={styles.actions}>
          {stored === 'custom' && !draft && dueDate ? (
            // The select already shows "Custom…", so choosing it again would change nothing.
            <Button variant="secondary" onClick={() => choose('custom')}>
              Edit rule
            </Button>
          ) : null}
          <Button variant="secondary" disabled={skip.isPending} onClick={() => skip.mutate({ task })}>
            Skip this occurrence
          </Button>
          <Button
            variant="ghost"
            onClick={() => {
              setDraft(null);
              onSave({ recurrence: null });
            }}
          >
            Stop repeating
          </Button>
        </div>
      ) : null}
    </div>
  );
}

type CustomRepeatProps = {
  readonly draft: RepeatDraft;
  readonly dueDate: string;
  readonly disabled: boolean;
  readonly onChange: (draft: RepeatDraft) => void;
  readonly onCancel: () => void;
  readonly onApply: (recurrence: NonNullable<Task['recurrence']>) => void;
};

/** Frequency, interval, weekdays (weekly) and where the next date counts from, with the rule in words. */
function CustomRepeat({ draft, dueDate, disabled, onChange, onCancel, onApply }: CustomRepeatProps) {
  const ids = useId();
  const [intervalText, setIntervalText] = useState(String(draft.interval));
  const interval = Number(intervalText);
  const validInterval = isValidInterval(interval);
  const recurrence = draftRecurrence({ ...draft, interval: validInterval ? interval : draft.interval }, dueDate);
  const [one, many] = UNIT_NAMES[draft.freq];

  function toggleWeekday(weekday: Weekday) {
    const weekdays = draft.weekdays.includes(weekday) ? draft.weekdays.filter((item) => item !== weekday) : [...draft.weekdays, weekday];
    onChange({ ...draft, weekdays });
  }

  return (
    <fieldset className={styles.custom} disabled={disabled}>
      <legend className={styles.legend}>Custom repeat</legend>
      <div className={styles.every}>
        <label htmlFor={`${ids}-interval`}>Every</label>
        <input
          id={`${ids}-interval`}
          className={`input ${styles.interval}`}
          type="number"
          inputMode="numeric"
          min={1}
          max={INTERVAL_MAX}
          value={intervalText}
          aria-invalid={!validInterval || undefined}
          aria-describedby={validInterval ? undefined : `${ids}-interval-problem`}
          onChange={(event) => setIntervalText(event.target.value)}
        />
        <label htmlFor={`${ids}-unit`} className="visually-hidden">
          Unit
        </label>
        <select
          id={`${ids}-unit`}
          className={`input ${styles.unit}`}
          value={draft.freq}
          onChange={(event) => {
            if (isFrequency(event.target.value)) onChange({ ...draft, freq: event.target.value });
          }}
        >
          {FREQUENCIES.map((freq) => (
            <option key={freq} value={freq}>
              {interval === 1 ? UNIT_NAMES[freq][0] : UNIT_NAMES[freq][1]}
            </option>
          ))}
        </select>
      </div>
      {validInterval ? null : (
        <p id={`${ids}-interval-problem`} className="field-error">
          Every 1 to {INTERVAL_MAX} {many}.
        </p>
      )}
      {draft.freq === 'WEEKLY' ? (
        <fieldset className={styles.weekdays}>
          <legend className={styles.sublegend}>On</legend>
          {WEEKDAYS.map((weekday) => (
            <label key={weekday} className={styles.weekday}>
              <input type="checkbox" checked={draft.weekdays.includes(weekday)} onChange={() => toggleWeekday(weekday)} />
              <span aria-hidden="true">{WEEKDAY_SHORT[weekday]}</span>
              <span className="visually-hidden">{WEEKDAY_LONG[weekday]}</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      <fieldset className={styles.from}>
        <legend className={styles.sublegend}>Next date counts from</legend>
        <label className={styles.radio}>
          <input type="radio" name={`${ids}-from`} checked={draft.from === 'due'} onChange={() => onChange({ ...draft, from: 'due' })} />
          The due date
        </label>
        <label className={styles.radio}>
          <input type="radio" name={`${ids}-from`} checked={draft.from === 'completion'} onChange={() => onChange({ ...draft, from: 'completion' })} />
          Completion
        </label>
      </fieldset>
      <p className={styles.preview} aria-live="polite">
        {validInterval ? (describeRecurrence(recurrence) ?? `Every ${interval} ${interval === 1 ? one : many}`) : '—'}
      </p>
      <div className={styles.actions}>
        <Button
          disabled={!validInterval}
          onClick={() => onApply(draftRecurrence({ ...draft, interval }, dueDate))}
        >
          Save repeat
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </fieldset>
  );
}
