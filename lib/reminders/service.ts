import 'server-only';
import { createHash } from 'node:crypto';
import { dynamodb } from '../aws/dynamodb';
import { env } from '../env';
import { ValidationError } from '../errors';
import { isVisible, readListAndMember } from '../lists/membership-read';
import type { Task } from '../tasks/schema';
import { reminderItem, replannedItem, type ReminderItem } from './items';
import { plannedInstant, RELATIVE_NEEDS_DUE_DATE, type Reminder, type ReminderRule } from './rules';
import { ruleKey } from './schema';
import { readTaskReminders, removeReminders, writeReminder, type RemindersTable } from './store';

/**
 * Each person's reminders on a task (SPEC §6.2): set by them, cancelled when the task is completed,
 * deleted or moved where they cannot see it, re-planned when its due date or time changes
 * (docs/data-model.md, "Reminders"). Access to the task itself is checked by the caller (the route).
 */

const table = (): RemindersTable => ({ client: dynamodb(), REMINDERS_TABLE: env().REMINDERS_TABLE });

/** The same rule on the same task for the same person has the same id: a retried PATCH rewrites, never duplicates. */
function reminderIdOf(userId: string, taskId: string, rule: ReminderRule): string {
  return createHash('sha256').update(`${userId}#${taskId}#${ruleKey(rule)}`).digest('base64url').slice(0, 22);
}

function toReminder(item: ReminderItem): Reminder {
  return { id: item.reminder_id, at: item.at, ...('before' in item.rule ? { before: item.rule.before } : {}) };
}

const byTime = (a: Reminder, b: Reminder) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id);

/** The caller's reminders on a task, soonest first. */
export async function remindersOf(userId: string, taskId: string): Promise<Reminder[]> {
  return (await readTaskReminders(table(), taskId, userId)).map(toReminder).sort(byTime);
}

/**
 * Replaces the caller's reminders on `task` with `rules`, relative ones planned in `timeZone`. One
 * unchanged (same rule, same instant) keeps what was sent for it, so resending the list sends nothing again.
 */
export async function setReminders(userId: string, task: Task, rules: readonly ReminderRule[], timeZone: string): Promise<Reminder[]> {
  const planned = rules.map((rule, index) => {
    const at = plannedInstant(rule, task, timeZone);
    if (at === null) throw new ValidationError([{ field: `reminders.${index}.before`, message: RELATIVE_NEEDS_DUE_DATE }]);
    return reminderItem({ reminder_id: reminderIdOf(userId, task.id, rule), user_id: userId, task_id: task.id, task_owner: task.createdBy, rule, time_zone: timeZone, at });
  });
  const existing = await readTaskReminders(table(), task.id, userId);
  const kept = new Map(existing.map((item) => [item.reminder_id, item]));
  const wanted = new Set(planned.map((item) => item.reminder_id));
  await removeReminders(table(), existing.filter((item) => !wanted.has(item.reminder_id)));
  await Promise.all(planned.filter((item) => kept.get(item.reminder_id)?.at !== item.at).map((item) => writeReminder(table(), item)));
  return planned.map((item) => toReminder(kept.get(item.reminder_id)?.at === item.at ? kept.get(item.reminder_id)! : item)).sort(byTime);
}

/** Every member's reminders of a deleted task go with it. */
export async function cancelReminders(taskId: string): Promise<void> {
  await removeReminders(table(), await readTaskReminders(table(), taskId));
}

const dueMoved = (before: Task, after: Task) => before.dueDate !== after.dueDate || before.dueTime !== after.dueTime;

/**
 * What a task write does to its reminders: completing it (for good: a recurring task that advances
 * stays open) cancels them all; a new due date or time re-plans the relative ones (each in its
 * person's zone) and drops those with no due date left; a move drops those of people who cannot see
 * the new list. Runs after the write; the consumer checks access again before it sends anything.
 */
export async function afterTaskWrite(before: Task, after: Task): Promise<void> {
  const moved = before.listId !== after.listId;
  if (!(after.completed && !before.completed) && !dueMoved(before, after) && !moved) return;
  const items = await readTaskReminders(table(), after.id);
  if (items.length === 0) return;
  if (after.completed && !before.completed) return removeReminders(table(), items);
  const gone = new Set<ReminderItem>();
  if (moved) {
    for (const userId of new Set(items.map((item) => item.user_id))) {
      if (isVisible(await readListAndMember({ client: dynamodb(), LISTS_TABLE: env().LISTS_TABLE }, after.listId, userId))) continue;
      for (const item of items) if (item.user_id === userId) gone.add(item);
    }
  }
  const replanned: ReminderItem[] = [];
  if (dueMoved(before, after)) {
    for (const item of items) {
      if (gone.has(item) || 'at' in item.rule) continue;
      const at = plannedInstant(item.rule, after, item.time_zone);
      if (at === null) gone.add(item);
      else if (at !== item.at) replanned.push(replannedItem(item, at));
    }
  }
  await removeReminders(table(), [...gone]);
  await Promise.all(replanned.map((item) => writeReminder(table(), item)));
}
