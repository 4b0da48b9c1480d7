import { readRule } from './rule-text';
import { WEEKDAYS_MO_FR, type Recurrence, type RuleDay, type RuleParts, type Weekday } from './rules';

/**
 * A rule in words ("Every 2 weeks on Monday"), for the task row, the detail panel and quick add's
 * chip. Plain code on the parsed parts, with neither zod nor rrule, so the browser can import it.
 */

const DAY_NAMES: Record<Weekday, string> = { MO: 'Monday', TU: 'Tuesday', WE: 'Wednesday', TH: 'Thursday', FR: 'Friday', SA: 'Saturday', SU: 'Sunday' };
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ORDINAL_WORDS: Record<number, string> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', 5: 'fifth', [-1]: 'last', [-2]: 'second-to-last' };
const UNITS = { DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month', YEARLY: 'year' } as const;

/** "Monday", "Monday and Thursday", "Monday, Wednesday and Friday". */
function list(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)!}`;
}

function ordinalNumber(day: number): string {
  const tens = day % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[day % 10] ?? 'th';
  return `${day}${suffix}`;
}

/** "15th", "last day": read after one "the" ("on the 1st and 15th"). */
function monthDay(day: number): string {
  if (day === -1) return 'last day';
  return day > 0 ? ordinalNumber(day) : `${ordinalNumber(-day)}-to-last day`;
}

function weekday(day: RuleDay): string {
  if (day.ordinal === null) return DAY_NAMES[day.weekday];
  const word = ORDINAL_WORDS[day.ordinal] ?? (day.ordinal > 0 ? ordinalNumber(day.ordinal) : `${ordinalNumber(-day.ordinal)}-to-last`);
  return `${word} ${DAY_NAMES[day.weekday]}`;
}

const isWeekdays = (days: readonly RuleDay[]) =>
  days.length === 5 && days.every((day) => day.ordinal === null && WEEKDAYS_MO_FR.includes(day.weekday));

/** "Every 2 weeks" / "Every day": the frequency and interval alone. */
function every(parts: RuleParts): string {
  const unit = UNITS[parts.freq];
  return parts.interval === 1 ? `Every ${unit}` : `Every ${parts.interval} ${unit}s`;
}

function repeats(parts: RuleParts): string {
  const { byDay, byMonthDay, byMonth, interval } = parts;
  const days = byDay.map(weekday);
  const onDays = byDay.length > 0 ? ` on ${list(days)}` : '';
  const onMonthDays = byMonthDay.length > 0 ? ` on the ${list(byMonthDay.map(monthDay))}` : '';
  const inMonths = byMonth.length > 0 ? ` in ${list(byMonth.map((month) => MONTH_NAMES[month - 1]!))}` : '';
  if (isWeekdays(byDay) && byMonthDay.length === 0 && byMonth.length === 0 && interval === 1) return 'Every weekday';
  switch (parts.freq) {
    case 'DAILY':
      return `${every(parts)}${onDays}${onMonthDays}${inMonths}`;
    case 'WEEKLY':
      // "Every Monday" reads better than "Every week on Monday"; with an interval, the week comes first.
      return interval === 1 && byDay.length > 0 ? `Every ${list(days)}${inMonths}` : `${every(parts)}${onDays}${inMonths}`;
    case 'MONTHLY': {
      const ordinalsOnly = byDay.length > 0 && byDay.every((day) => day.ordinal !== null) && byMonthDay.length === 0;
      if (ordinalsOnly && interval === 1) return `Every ${list(days)}${inMonths}`;
      return `${every(parts)}${onMonthDays}${ordinalsOnly ? ` on the ${list(days)}` : onDays}${inMonths}`;
    }
    case 'YEARLY': {
      const singleDate = byMonth.length === 1 && byMonthDay.length === 1 && byMonthDay[0]! > 0 && byDay.length === 0;
      if (singleDate) return `${every(parts)} on ${MONTH_NAMES[byMonth[0]! - 1]!} ${byMonthDay[0]!}`;
      if (byDay.length > 0 && byDay.every((day) => day.ordinal !== null) && byMonth.length > 0) {
        return `${every(parts)} on the ${list(days)} of ${list(byMonth.map((month) => MONTH_NAMES[month - 1]!))}`;
      }
      return `${every(parts)}${onMonthDays}${onDays}${inMonths}`;
    }
  }
}

function formatDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${MONTH_NAMES[month - 1]!} ${day}, ${year}`;
}

function ending(parts: RuleParts): string {
  if (parts.until !== null) return ` until ${formatDate(parts.until)}`;
  if (parts.count === null) return '';
  return `, ${parts.count} time${parts.count === 1 ? '' : 's'}`;
}

/** The rule in words, or null when it is not one we read (the UI then shows "Repeats"). */
export function describeRule(rule: string): string | null {
  const reading = readRule(rule);
  return reading.ok ? `${repeats(reading.parts)}${ending(reading.parts)}` : null;
}

/** The rule in words with where it counts from: "Every 3 days after completion". */
export function describeRecurrence(recurrence: Recurrence): string | null {
  const words = describeRule(recurrence.rule);
  return words === null || recurrence.from === 'due' ? words : `${words} after completion`;
}

