import { RRule, Weekday, type RRuleOptions } from './rrule';
import { readRule, writeRule } from './rule-text';
import { WEEKDAYS, type Frequency, type Recurrence, type RuleParts } from './rules';

/**
 * When a recurring task is due next. Dates are the person's wall-clock calendar dates (YYYY-MM-DD),
 * evaluated by rrule as floating dates at UTC midnight: no time zone, so no daylight-saving
 * arithmetic can shift a day (the due time, if any, stays as it is). DTSTART is the old due date
 * (from: "due") or the completion day (from: "completion"); the answer is strictly after it.
 */

export type OccurrenceContext = {
  /** The task's due date before this completion. */
  readonly dueDate: string;
  /** The person's today when they complete it. */
  readonly completedOn: string;
};

/** The next due date, and the rule to store with it (COUNT counts the occurrences left). */
export type NextOccurrence = { readonly dueDate: string; readonly rule: string };

/**
 * Where the search stops (rrule checks UNTIL only on dates it finds, so rules that may find none are
 * refused by rule-text.ts; this bounds the rare ones, like a fifth Friday in February).
 */
const HORIZON_YEARS = 60;

const FREQ: Record<Frequency, number> = { DAILY: RRule.DAILY, WEEKLY: RRule.WEEKLY, MONTHLY: RRule.MONTHLY, YEARLY: RRule.YEARLY };

const toDate = (date: string) => new Date(`${date}T00:00:00Z`);
const toDay = (value: Date) => value.toISOString().slice(0, 10);
const lastDayOfMonth = (value: Date) => new Date(Date.UTC(value.getUTCFullYear(), value.getUTCMonth() + 1, 0)).getUTCDate();

/**
 * The month days a monthly or yearly rule falls on: its BYMONTHDAY, or (with no BYDAY either) the
 * start date's day, as RFC 5545 implies it.
 */
function monthDays(parts: RuleParts, start: Date): readonly number[] {
  if (parts.freq !== 'MONTHLY' && parts.freq !== 'YEARLY') return parts.byMonthDay;
  if (parts.byMonthDay.length > 0 || parts.byDay.length > 0) return parts.byMonthDay;
  return [start.getUTCDate()];
}

/**
 * A day past a short month's end falls on that month's last day (the 31st is Apr 30 and Feb 28,
 * Feb 29 is Feb 28 in other years), as Todoist does: a monthly bill never skips February.
 * RFC 5545 would skip those months, so we let rrule also yield each last day (-1) and keep the
 * candidates that are a wanted day after clamping.
 */
function clampsMonthEnd(parts: RuleParts, days: readonly number[]): boolean {
  return (parts.freq === 'MONTHLY' || parts.freq === 'YEARLY') && parts.byDay.length === 0 && days.some((day) => day > 28);
}

function wanted(days: readonly number[], candidate: Date): boolean {
  const day = candidate.getUTCDate();
  const last = lastDayOfMonth(candidate);
  return days.some((wantedDay) => (wantedDay > 0 ? Math.min(wantedDay, last) : last + 1 + wantedDay) === day);
}

function rruleOptions(parts: RuleParts, start: Date, days: readonly number[], clamp: boolean): Partial<RRuleOptions> {
  const horizon = new Date(Date.UTC(start.getUTCFullYear() + HORIZON_YEARS, 0, 1));
  const until = parts.until && toDate(parts.until) < horizon ? toDate(parts.until) : horizon;
  return {
    freq: FREQ[parts.freq],
    interval: parts.interval,
    dtstart: start,
    until,
    wkst: RRule.MO,
    // COUNT is ours to keep (see nextOccurrence): rrule would count from this DTSTART.
    ...(parts.byDay.length > 0 ? { byweekday: parts.byDay.map((day) => new Weekday(WEEKDAYS.indexOf(day.weekday), day.ordinal ?? undefined)) } : {}),
    ...(days.length > 0 ? { bymonthday: clamp ? [...new Set([...days, -1])] : [...days] } : {}),
    ...(parts.byMonth.length > 0 ? { bymonth: [...parts.byMonth] } : {}),
    // A yearly rule with no day named is on DTSTART's date; with the day made explicit, its month must be too.
    ...(parts.freq === 'YEARLY' && parts.byMonth.length === 0 && parts.byMonthDay.length === 0 && parts.byDay.length === 0 ? { bymonth: [start.getUTCMonth() + 1] } : {}),
  };
}

/** The first occurrence after `start` (or on it, when inclusive), counting the rule from `start` (its DTSTART). */
function firstOccurrence(parts: RuleParts, start: string, inclusive: boolean): string | null {
  const startDate = toDate(start);
  const days = monthDays(parts, startDate);
  const clamp = clampsMonthEnd(parts, days);
  const rule = new RRule(rruleOptions(parts, startDate, days, clamp));
  let found: Date | null = null;
  rule.all((candidate) => {
    if ((inclusive || candidate.getTime() > startDate.getTime()) && (!clamp || wanted(days, candidate))) found = candidate;
    return found === null;
  });
  return found === null ? null : toDay(found);
}

function partsOf(rule: string): RuleParts {
  const reading = readRule(rule);
  // Rules are checked at the API edge (schema.ts); one that is not is a bug, not a person's mistake.
  if (!reading.ok) throw new Error(`Unreadable stored rule ${JSON.stringify(rule)}: ${reading.problem}`);
  return reading.parts;
}

/**
 * Where a recurring task goes when completed, or null when its series has ended (UNTIL passed, or
 * COUNT used up: COUNT is the occurrences left, the one being completed among them, so COUNT=1 is
 * the last and each completion stores COUNT-1).
 *
 * - from "due": the first occurrence after the old due date, even if that is still in the past, as
 *   SPEC §6.2 fixes it: each missed occurrence is shown once, and completing early moves one step.
 * - from "completion": the rule restarted on the completion day, so "every 3 days" is three days
 *   after it and "every Monday" the first Monday after it (INTERVAL counted from its week).
 */
export function nextOccurrence(recurrence: Recurrence, context: OccurrenceContext): NextOccurrence | null {
  const parts = partsOf(recurrence.rule);
  if (parts.count === 1) return null;
  const dueDate = firstOccurrence(parts, recurrence.from === 'due' ? context.dueDate : context.completedOn, false);
  if (dueDate === null) return null;
  return { dueDate, rule: parts.count === null ? recurrence.rule : writeRule({ ...parts, count: parts.count - 1 }) };
}

/**
 * The first occurrence on or after `day`: a recurring task created without a date ("every monday")
 * is first due then ("every 3 days" today). The series starts at that occurrence, so INTERVAL does
 * not push it out ("every 2 weeks on Monday" said on a Tuesday is due the next Monday).
 */
export function firstOccurrenceFrom(rule: string, day: string): string | null {
  return firstOccurrence({ ...partsOf(rule), interval: 1 }, day, true);
}

/**
 * A monthly or yearly rule that names no day takes it from DTSTART, i.e. from the current due date,
 * so after one clamp (Jan 31 → Feb 28) it would stay on the 28th. Pinning the day (and the month,
 * for yearly) from the first due date keeps "every month" on the 31st; quick add pins what it reads.
 */
export function pinnedRule(rule: string, dueDate: string): string {
  const parts = partsOf(rule);
  if ((parts.freq !== 'MONTHLY' && parts.freq !== 'YEARLY') || parts.byDay.length > 0 || parts.byMonthDay.length > 0) return writeRule(parts);
  const [, month, day] = dueDate.split('-').map(Number) as [number, number, number];
  return writeRule({ ...parts, byMonthDay: [day], byMonth: parts.freq === 'YEARLY' && parts.byMonth.length === 0 ? [month] : parts.byMonth });
}
