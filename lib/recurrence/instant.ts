import { offsetMinutes } from '../time-zone';

/**
 * The UTC instant of a wall-clock date and time in a person's zone, for reminders and "is it due
 * yet". Recurrence moves only the date, so a 09:00 task stays at 09:00 local across DST; this is
 * where the offset of that day comes in.
 */

const MINUTE = 60_000;
/** Wider than any offset change (transitions move clocks by at most a few hours). */
const SEARCH = 36 * 60 * MINUTE;

/**
 * `date` (YYYY-MM-DD) at `time` (HH:MM) in `timeZone`. A time skipped by a forward change (02:30 on
 * Berlin's spring-forward day) is the first minute after the gap (03:00); a time that happens twice
 * when clocks go back (01:30 in New York in November) is its first, earlier, instant.
 */
export function occurrenceInstant(date: string, time: string, timeZone: string): Date {
  const wall = Date.parse(`${date}T${time}:00Z`);
  if (Number.isNaN(wall)) throw new RangeError(`Not a date and time: ${date} ${time}`);
  const offsetBefore = offsetMinutes(timeZone, new Date(wall - SEARCH));
  const offsetAfter = offsetMinutes(timeZone, new Date(wall + SEARCH));
  // An instant is the answer when the zone's offset at it is the one it was computed with.
  const candidates = [offsetBefore, offsetAfter]
    .map((offset) => wall - offset * MINUTE)
    .filter((instant) => wall - offsetMinutes(timeZone, new Date(instant)) * MINUTE === instant)
    .sort((a, b) => a - b);
  if (candidates[0] !== undefined) return new Date(candidates[0]);
  // In a gap: the wall time read with the old offset is already past the change, with the new one
  // still before it; the first minute on the new offset is where the clocks jumped to.
  let low = wall - offsetAfter * MINUTE;
  let high = wall - offsetBefore * MINUTE;
  while (high - low > MINUTE) {
    const middle = low + Math.floor((high - low) / MINUTE / 2) * MINUTE;
    if (offsetMinutes(timeZone, new Date(middle)) === offsetAfter) high = middle;
    else low = middle;
  }
  return new Date(high);
}
