import { z } from 'zod';
import { BEFORE_MAX_MINUTES, REMINDERS_MAX, type ReminderRule } from './rules';

/** Validation of the `reminders` field of PATCH /api/tasks/:id (SPEC §6.2): the caller's own reminders, all of them. */

const atSchema = z.strictObject({
  at: z.iso.datetime({ offset: true, error: 'at is an ISO 8601 instant like 2026-12-31T09:00:00Z.' }),
});

const beforeSchema = z.strictObject({
  before: z
    .number({ error: `before is a number of minutes from 0 to ${BEFORE_MAX_MINUTES}.` })
    .int(`before is a whole number of minutes.`)
    .min(0, `before is a number of minutes from 0 to ${BEFORE_MAX_MINUTES}.`)
    .max(BEFORE_MAX_MINUTES, `A reminder is at most ${BEFORE_MAX_MINUTES} minutes (a week) before the due time.`),
});

const beforeInput = beforeSchema.extend({ id: z.string().optional(), at: z.string().optional() }).transform(({ before }): ReminderRule => ({ before }));
const atInput = atSchema.extend({ id: z.string().optional() }).transform(({ at }): ReminderRule => ({ at: new Date(at).toISOString() }));

/**
 * One reminder: `{before}` (minutes before the due time) or `{at}`. A reminder read back from GET may be
 * sent again as it is: its id, and the planned `at` of a relative one, are ignored. Picked by shape, so
 * each kind's own message reaches the 400.
 */
const reminderInputSchema = z.unknown().transform((value, context): ReminderRule => {
  if (typeof value !== 'object' || value === null) {
    context.addIssue({ code: 'custom', message: 'A reminder is {at: an ISO 8601 instant} or {before: minutes before the due time}.' });
    return z.NEVER;
  }
  const parsed = ('before' in value ? beforeInput : atInput).safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  return z.NEVER;
});

const ruleKey = (rule: ReminderRule) => ('at' in rule ? `at:${rule.at}` : `before:${rule.before}`);

export const remindersInputSchema = z
  .array(reminderInputSchema, { error: 'reminders is a list.' })
  .max(REMINDERS_MAX, `A task has at most ${REMINDERS_MAX} reminders for each person.`)
  .refine((rules) => new Set(rules.map(ruleKey)).size === rules.length, 'Each reminder appears once.');

export { ruleKey };
