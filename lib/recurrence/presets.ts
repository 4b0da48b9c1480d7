import { readRule, writeRule } from './rule-text';
import { INTERVAL_MAX, WEEKDAYS, WEEKDAYS_MO_FR, type Frequency, type Recurrence, type RecurrenceFrom, type RuleParts, type Weekday } from './rules';

/**
 * The detail panel's repeat picker as plain functions: each preset is a rule built from the task's
 * due date, and the custom editor's fields map to and from a rule. Browser-safe (no zod, no rrule).
 */

export const REPEAT_PRESETS = ['none', 'daily', 'weekdays', 'weekly', 'monthly', 'yearly'] as const;
export type RepeatPreset = (typeof REPEAT_PRESETS)[number];
/** What the picker shows: a preset, or "custom" for any other rule. */
export type RepeatChoice = RepeatPreset | 'custom';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_NAMES: Record<Weekday, string> = { MO: 'Monday', TU: 'Tuesday', WE: 'Wednesday', TH: 'Thursday', FR: 'Friday', SA: 'Saturday', SU: 'Sunday' };

type CalendarDay = { readonly month: number; readonly day: number; readonly weekday: Weekday };

function calendarDay(dueDate: string): CalendarDay {
  const date = new Date(`${dueDate}T00:00:00Z`);
  // getUTCDay counts from Sunday; our weekdays start on Monday.
  return { month: date.getUTCMonth() + 1, day: date.getUTCDate(), weekday: WEEKDAYS[(date.getUTCDay() + 6) % 7]! };
}

function ordinal(day: number): string {
  const suffix = day >= 11 && day <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[day % 10] ?? 'th';
  return `${day}${suffix}`;
}

const BARE: RuleParts = { freq: 'DAILY', interval: 1, byDay: [], byMonthDay: [], byMonth: [], count: null, until: null };
const everyDay = (weekdays: readonly Weekday[]) => weekdays.map((weekday) => ({ weekday, ordinal: null }));

/** The rule of a preset for a task due on `dueDate`; null for "none". */
export function presetRule(preset: RepeatPreset, dueDate: string): string | null {
  const { month, day, weekday } = calendarDay(dueDate);
  switch (preset) {
    case 'none':
      return null;
    case 'daily':
      return writeRule(BARE);
    case 'weekdays':
      return writeRule({ ...BARE, freq: 'WEEKLY', byDay: everyDay(WEEKDAYS_MO_FR) });
    case 'weekly':
      return writeRule({ ...BARE, freq: 'WEEKLY', byDay: everyDay([weekday]) });
    case 'monthly':
      return writeRule({ ...BARE, freq: 'MONTHLY', byMonthDay: [day] });
    case 'yearly':
      return writeRule({ ...BARE, freq: 'YEARLY', byMonth: [month], byMonthDay: [day] });
  }
}

/** The picker's words for a preset, naming the due date's day ("Every week on Monday"). */
export function presetLabel(preset: RepeatPreset, dueDate: string | null): string {
  const day = dueDate ? calendarDay(dueDate) : null;
  switch (preset) {
    case 'none':
      return 'None';
    case 'daily':
      return 'Every day';
    case 'weekdays':
      return 'Every weekday';
    case 'weekly':
      return day ? `Every week on ${DAY_NAMES[day.weekday]}` : 'Every week';
    case 'monthly':
      return day ? `Every month on the ${ordinal(day.day)}` : 'Every month';
    case 'yearly':
      return day ? `Every year on ${MONTHS[day.month - 1]!} ${day.day}` : 'Every year';
  }
}

/** Which choice a task's rule is: a preset when it is exactly that preset's rule for its due date. */
export function repeatChoice(recurrence: Recurrence | null, dueDate: string | null): RepeatChoice {
  if (!recurrence) return 'none';
  if (!dueDate || recurrence.from !== 'due') return 'custom';
  const reading = readRule(recurrence.rule);
  if (!reading.ok) return 'custom';
  const stored = writeRule(reading.parts);
  return REPEAT_PRESETS.find((preset) => presetRule(preset, dueDate) === stored) ?? 'custom';
}

/** The custom editor's fields. `weekdays` matter only for weekly rules. */
export type RepeatDraft = {
  readonly freq: Frequency;
  readonly interval: number;
  readonly weekdays: readonly Weekday[];
  readonly from: RecurrenceFrom;
};

/** The editor's starting fields: the task's rule where it has one, else every week on the due weekday. */
export function draftOf(recurrence: Recurrence | null, dueDate: string): RepeatDraft {
  const reading = recurrence ? readRule(recurrence.rule) : null;
  if (!recurrence || !reading?.ok) return { freq: 'WEEKLY', interval: 1, weekdays: [calendarDay(dueDate).weekday], from: recurrence?.from ?? 'due' };
  const weekdays = reading.parts.byDay.filter((day) => day.ordinal === null).map((day) => day.weekday);
  return { freq: reading.parts.freq, interval: reading.parts.interval, weekdays: weekdays.length > 0 ? weekdays : [calendarDay(dueDate).weekday], from: recurrence.from };
}

/** Whether the interval is one the server accepts; the field says so before anything is sent. */
export function isValidInterval(interval: number): boolean {
  return Number.isInteger(interval) && interval >= 1 && interval <= INTERVAL_MAX;
}

/**
 * The rule the editor's fields mean, anchored on the due date the way a preset is: weekly on the
 * chosen days (the due weekday when none is ticked), monthly on the due day, yearly on the due date.
 */
export function draftRecurrence(draft: RepeatDraft, dueDate: string): Recurrence {
  const { month, day, weekday } = calendarDay(dueDate);
  const base: RuleParts = { ...BARE, freq: draft.freq, interval: draft.interval };
  const chosen = WEEKDAYS.filter((item) => draft.weekdays.includes(item));
  const parts: RuleParts =
    draft.freq === 'WEEKLY'
      ? { ...base, byDay: everyDay(chosen.length > 0 ? chosen : [weekday]) }
      : draft.freq === 'MONTHLY'
        ? { ...base, byMonthDay: [day] }
        : draft.freq === 'YEARLY'
          ? { ...base, byMonth: [month], byMonthDay: [day] }
          : base;
  return { rule: writeRule(parts), from: draft.from };
}
