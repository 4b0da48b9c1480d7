import { z } from 'zod';
import { readRule, writeRule } from './rule-text';
import { RECURRENCE_FROM, RULE_MAX_LENGTH } from './rules';

/**
 * A task's `recurrence` at the API edge: `{rule, from}` or null. The rule is checked by the same
 * reader the browser uses and stored in its one written form, so equal rules compare equal.
 */
export const recurrenceSchema = z
  .object({
    rule: z
      .string({ error: 'A rule is RRULE text like FREQ=WEEKLY;BYDAY=MO.' })
      .min(1, 'A rule is RRULE text like FREQ=WEEKLY;BYDAY=MO.')
      .max(RULE_MAX_LENGTH, `A rule is at most ${RULE_MAX_LENGTH} characters.`)
      .transform((rule, context) => {
        const reading = readRule(rule);
        if (reading.ok) return writeRule(reading.parts);
        context.addIssue({ code: 'custom', message: reading.problem });
        return z.NEVER;
      }),
    from: z.enum(RECURRENCE_FROM, { error: 'from is "due" or "completion".' }),
  })
  .strict()
  .nullable();

export type RecurrenceInput = z.infer<typeof recurrenceSchema>;
