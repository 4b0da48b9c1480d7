/**
 * The recurrence rules a task may carry, in one zod-free, library-free module: the server's schema
 * (schema.ts), the next-occurrence engine and the browser (rule in words, a picker) all read the
 * same limits and the same parsed shape of an RRULE.
 */

/** The RFC 5545 subset we evaluate: repeats by whole days, never by hour or minute. */
export const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** RFC 5545 weekday codes, Monday first (our weeks start on Monday, WKST=MO). */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Where the next occurrence is counted from when a task is completed. */
export const RECURRENCE_FROM = ['due', 'completion'] as const;
export type RecurrenceFrom = (typeof RECURRENCE_FROM)[number];

export type Recurrence = { readonly rule: string; readonly from: RecurrenceFrom };

export const RULE_MAX_LENGTH = 200;
export const INTERVAL_MAX = 999;
export const COUNT_MAX = 999;

/** Parts of RFC 5545 we know but do not evaluate: named in the 400 so a client knows what to drop. */
export const UNSUPPORTED_PARTS = ['BYHOUR', 'BYMINUTE', 'BYSECOND', 'BYSETPOS', 'BYWEEKNO', 'BYYEARDAY', 'WKST', 'RSCALE', 'SKIP'] as const;

/** "2MO" is the second Monday, "-1FR" the last Friday; null ordinal: every such weekday. */
export type RuleDay = { readonly weekday: Weekday; readonly ordinal: number | null };

/** An RRULE read into plain values; `until` is a calendar date (inclusive), dates being floating. */
export type RuleParts = {
  readonly freq: Frequency;
  readonly interval: number;
  readonly byDay: readonly RuleDay[];
  readonly byMonthDay: readonly number[];
  readonly byMonth: readonly number[];
  readonly count: number | null;
  readonly until: string | null;
};

export const WEEKDAYS_MO_FR: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR'];
