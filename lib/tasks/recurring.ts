import 'server-only';
import { ConflictError, ValidationError } from '../errors';
import { nextOccurrence, pinnedRule } from '../recurrence/next-occurrence';
import type { Recurrence } from '../recurrence/rules';
import { RECURRENCE_NEEDS_DUE_DATE, type Task, type UpdateTaskInput } from './schema';

/**
 * What a recurrence does to a task write (SPEC §6.2, docs/data-model.md "Recurrence"): a recurring
 * task is one item whose dueDate moves; completing it completes one occurrence, not the task.
 */

/**
 * The recurrence a task has after a write that sets it (`given`) on a task due `dueDate`, or keeps
 * `current`. A from-due monthly or yearly rule gets its day pinned from the due date, so a clamp at a
 * month's end (Jan 31 → Feb 28) does not move the series to the 28th for good.
 */
export function recurrenceAfter(current: Recurrence | null, given: Recurrence | null | undefined, dueDate: string | null): Recurrence | null {
  const recurrence = given === undefined ? current : given;
  if (recurrence === null) return null;
  if (dueDate === null) throw new ValidationError([{ field: given === undefined ? 'dueDate' : 'recurrence', message: RECURRENCE_NEEDS_DUE_DATE }]);
  if (given === undefined || recurrence.from !== 'due') return recurrence;
  return { rule: pinnedRule(recurrence.rule, dueDate), from: recurrence.from };
}

export type CompletedOccurrence = { readonly task: Task; readonly occurrence: string };

/**
 * `completed` is `before` with the done flag just set. For a recurring task it completes the current
 * occurrence (due `occurrence`): while the series goes on, the task stays open and is due at the next
 * occurrence, with the rule as returned (COUNT counts down); after the last, it completes for real.
 * Null for every other write.
 */
export function completedOccurrence(before: Task, completed: Task, today: string): CompletedOccurrence | null {
  if (before.completed || !completed.completed || completed.recurrence === null || completed.dueDate === null) return null;
  const occurrence = completed.dueDate;
  const next = nextOccurrence(completed.recurrence, { dueDate: occurrence, completedOn: today });
  if (next === null) return { task: completed, occurrence };
  return {
    task: { ...completed, completed: false, completedAt: null, dueDate: next.dueDate, recurrence: { ...completed.recurrence, rule: next.rule } },
    occurrence,
  };
}

/**
 * Skipping moves a recurring task to its next occurrence as a completion would, without completing
 * anything; a plain or completed task has no occurrence to skip (409), nor has the last one.
 */
export function skipPatch(current: Task, today: string): UpdateTaskInput {
  if (current.recurrence === null || current.dueDate === null) throw new ConflictError('This task does not repeat: there is no occurrence to skip.');
  if (current.completed) throw new ConflictError('This task is completed: reopen it to skip an occurrence.');
  const next = nextOccurrence(current.recurrence, { dueDate: current.dueDate, completedOn: today });
  if (next === null) throw new ConflictError('This is the last occurrence: complete the task or end the series.');
  return { dueDate: next.dueDate, recurrence: { rule: next.rule, from: current.recurrence.from } };
}
