import { addDays } from '@/lib/time-zone';

/** Due dates are calendar dates (`YYYY-MM-DD`); "today" is the viewer's, never the server's. */

/** Remembers the browser's time zone so the server can render the same badges the browser would. */
export const TIME_ZONE_COOKIE = 'todoer-tz';

export type DueState = 'overdue' | 'today' | 'upcoming';

function isoDate(year: string | undefined, month: string | undefined, day: string | undefined): string | null {
  return year && month && day ? `${year}-${month}-${day}` : null;
}

/** Today's date in an IANA time zone, or null when the zone is unknown or invalid. */
export function todayInTimeZone(timeZone: string | undefined, now: Date = new Date()): string | null {
  if (!timeZone) return null;
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)?.value;
    return isoDate(part('year'), part('month'), part('day'));
  } catch {
    return null;
  }
}

export function localToday(now: Date = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function dueState(dueDate: string, today: string): DueState {
  if (dueDate < today) return 'overdue';
  return dueDate === today ? 'today' : 'upcoming';
}

/**
 * A formatter made on first use. Making one loads its locale's data: the three below, made when the
 * module loaded, cost a phone (4× slower CPU) about 50 ms of the page's start, though Today and a
 * list of undated tasks show none of them (npm run bench:profile).
 */
function lazyFormat(locale: string, options: Intl.DateTimeFormatOptions): (date: Date) => string {
  let format: Intl.DateTimeFormat | undefined;
  return (date) => (format ??= new Intl.DateTimeFormat(locale, options)).format(date);
}

// A fixed locale and UTC keep the server's and the browser's text identical (no hydration mismatch).
const dueDateFormat = lazyFormat('en-US', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "Mar 12, 2026" for 2026-03-12. */
export function formatDueDate(dueDate: string): string {
  const date = new Date(`${dueDate}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? dueDate : dueDateFormat(date);
}

const occurrenceFormat = lazyFormat('en-US', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "Mon, Dec 14" for 2026-12-14: a recurring task's next date, said briefly. */
export function formatOccurrenceDate(dueDate: string): string {
  const date = new Date(`${dueDate}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? dueDate : occurrenceFormat(date);
}

// A fixed locale and UTC: the same text on the server and in the browser. "Wed 9 Dec".
const dayFormat = lazyFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "Today", "Tomorrow", otherwise "Wed 9 Dec". */
export function dayHeading(date: string, today: string): string {
  if (date === today) return 'Today';
  if (date === addDays(today, 1)) return 'Tomorrow';
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : dayFormat(parsed);
}
