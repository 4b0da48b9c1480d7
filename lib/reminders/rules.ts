import { occurrenceInstant } from '../recurrence/instant';

/**
 * Reminder limits and times (SPEC §6.2), shared by the zod schema, the server and the editor in the
 * browser. Plain code: no server-only, no zod.
 */

export const REMINDERS_MAX = 5;
/** "before" is at most a week ahead of the due time. */
export const BEFORE_MAX_MINUTES = 7 * 24 * 60;
/** A task due on a day without a time is reminded relative to this wall-clock time of that day. */
export const UNTIMED_DUE_TIME = '09:00';

/** An absolute instant, or minutes before the task's due date and time (re-planned when it moves). */
export type ReminderRule = { readonly at: string } | { readonly before: number };

/** What the Task API shows: `at` is always the planned instant; `before` says it follows the due time. */
export type Reminder = { readonly id: string; readonly at: string; readonly before?: number };

/** The editor's presets, in minutes before the due time. */
export const BEFORE_PRESETS: readonly { readonly label: string; readonly before: number }[] = [
  { label: 'At due time', before: 0 },
  { label: '10 minutes before', before: 10 },
  { label: '30 minutes before', before: 30 },
  { label: '1 hour before', before: 60 },
  { label: '1 day before', before: 24 * 60 },
];

export type Due = { readonly dueDate: string | null; readonly dueTime: string | null };

/**
 * The instant a rule fires for a task due `due`, on the person's calendar in `timeZone`; null for a
 * relative rule on a task without a due date (nothing to count back from).
 */
export function plannedInstant(rule: ReminderRule, due: Due, timeZone: string): string | null {
  if ('at' in rule) return new Date(rule.at).toISOString();
  if (due.dueDate === null) return null;
  const dueAt = occurrenceInstant(due.dueDate, due.dueTime ?? UNTIMED_DUE_TIME, timeZone);
  return new Date(dueAt.getTime() - rule.before * 60_000).toISOString();
}

export const RELATIVE_NEEDS_DUE_DATE = 'A reminder before the due time needs a due date.';
