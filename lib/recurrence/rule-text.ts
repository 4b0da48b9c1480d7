import { COUNT_MAX, FREQUENCIES, INTERVAL_MAX, RULE_MAX_LENGTH, UNSUPPORTED_PARTS, WEEKDAYS, type Frequency, type RuleDay, type RuleParts, type Weekday } from './rules';

/**
 * RRULE text to parts and back, by hand and zod-free, so the browser can read a rule (to say it in
 * words) with the server's exact reading. The server's schema turns a problem into a 400.
 */

export type RuleReading = { readonly ok: true; readonly parts: RuleParts } | { readonly ok: false; readonly problem: string };

const fail = (problem: string): RuleReading => ({ ok: false, problem });

const INTEGER = /^[+-]?\d{1,4}$/;
const DAY_TOKEN = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;
const UNTIL_TOKEN = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/;

/** Integers in [min, max] without zero (RFC 5545's negative positions count from the end). */
function integers(value: string, min: number, max: number): number[] | null {
  const numbers: number[] = [];
  for (const item of value.split(',')) {
    if (!INTEGER.test(item)) return null;
    const number = Number(item);
    if (number === 0 || number < min || number > max || numbers.includes(number)) return null;
    numbers.push(number);
  }
  return numbers;
}

function realDate(year: string, month: string, day: string): string | null {
  const date = `${year}-${month}-${day}`;
  const value = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(value.getTime()) && value.toISOString().slice(0, 10) === date ? date : null;
}

function days(value: string, freq: Frequency): RuleDay[] | string {
  const result: RuleDay[] = [];
  // Ordinals mean "nth in the month" or "nth in the year"; a weekly or daily rule has none.
  const ordinalMax = freq === 'MONTHLY' ? 5 : freq === 'YEARLY' ? 53 : 0;
  for (const item of value.split(',')) {
    const match = DAY_TOKEN.exec(item);
    if (!match) return `BYDAY takes weekdays like MO or ordinals like 2MO and -1FR, not “${item}”.`;
    const ordinal = match[1] === undefined ? null : Number(match[1]);
    if (ordinal !== null && (ordinal === 0 || Math.abs(ordinal) > ordinalMax)) {
      return ordinalMax === 0 ? `BYDAY ordinals like ${item} need FREQ=MONTHLY or YEARLY.` : `BYDAY ordinal ${item} is out of range.`;
    }
    const day: RuleDay = { weekday: match[2] as Weekday, ordinal };
    if (result.some((other) => other.weekday === day.weekday && other.ordinal === day.ordinal)) return `BYDAY names ${item} twice.`;
    result.push(day);
  }
  return result;
}

/** The longest each month gets (February in a leap year), to refuse dates that never come. */
const MONTH_LENGTHS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Rules that can never (or, depending on the start date, may never) produce a date are refused:
 * a date that does not exist, or a filter that an INTERVAL can step over for ever. rrule would
 * search for them until the year 9999.
 */
function neverOccurs(freq: Frequency, interval: number, byDay: readonly RuleDay[], byMonthDay: readonly number[], byMonth: readonly number[]): string | null {
  if (byDay.length > 0 && byMonthDay.length > 0) return 'BYDAY and BYMONTHDAY together are not supported: use one of them.';
  if (freq === 'YEARLY' && byMonth.length > 0 && byDay.some((day) => day.ordinal !== null && Math.abs(day.ordinal) > 5)) return 'With BYMONTH, BYDAY ordinals count within the month: -5 to 5.';
  // Monthly and yearly rules move a missing day to the month's last (next-occurrence.ts); daily ones cannot.
  if (freq === 'DAILY' && byMonthDay.length > 0) {
    const months = byMonth.length > 0 ? byMonth : [1, 3];
    if (!months.some((month) => byMonthDay.some((day) => Math.abs(day) <= MONTH_LENGTHS[month - 1]!))) return 'BYMONTHDAY names no day that BYMONTH has.';
  }
  const filters = freq === 'DAILY' ? byDay.length + byMonthDay.length + byMonth.length : freq === 'YEARLY' ? 0 : byMonth.length;
  if (interval > 1 && filters > 0) return `INTERVAL above 1 with ${freq === 'DAILY' ? 'BYDAY, BYMONTHDAY or BYMONTH' : 'BYMONTH'} is not supported with FREQ=${freq}: it can skip every matching day.`;
  return null;
}

/** Reads an RRULE ("FREQ=WEEKLY;BYDAY=MO", an "RRULE:" prefix allowed, any case) into parts, or says what is wrong. */
export function readRule(rule: string): RuleReading {
  if (rule.length > RULE_MAX_LENGTH) return fail(`A rule is at most ${RULE_MAX_LENGTH} characters.`);
  const text = rule.trim().toUpperCase().replace(/^RRULE:/, '');
  const values = new Map<string, string>();
  for (const pair of text.split(';')) {
    const [name = '', value, ...rest] = pair.split('=');
    if (value === undefined || value === '' || rest.length > 0) return fail(`“${pair}” is not NAME=VALUE; write a rule like FREQ=WEEKLY;BYDAY=MO.`);
    if ((UNSUPPORTED_PARTS as readonly string[]).includes(name)) return fail(`${name} is not supported: tasks repeat by whole days with FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, COUNT and UNTIL.`);
    if (!['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'COUNT', 'UNTIL'].includes(name)) return fail(`${name} is not a rule part we know.`);
    if (values.has(name)) return fail(`${name} is there twice.`);
    values.set(name, value);
  }

  const freq = values.get('FREQ');
  if (freq === undefined) return fail('A rule needs FREQ (DAILY, WEEKLY, MONTHLY or YEARLY).');
  if (!(FREQUENCIES as readonly string[]).includes(freq)) return fail(`FREQ=${freq} is not supported: use DAILY, WEEKLY, MONTHLY or YEARLY.`);
  const frequency = freq as Frequency;

  const interval = values.has('INTERVAL') ? integers(values.get('INTERVAL')!, 1, INTERVAL_MAX) : [1];
  if (!interval || interval.length !== 1) return fail(`INTERVAL is a whole number from 1 to ${INTERVAL_MAX}.`);

  const byDay = values.has('BYDAY') ? days(values.get('BYDAY')!, frequency) : [];
  if (typeof byDay === 'string') return fail(byDay);

  const byMonthDay = values.has('BYMONTHDAY') ? integers(values.get('BYMONTHDAY')!, -31, 31) : [];
  if (!byMonthDay) return fail('BYMONTHDAY takes days 1 to 31 or -31 to -1 (-1 is the last day), each once.');
  if (byMonthDay.length > 0 && frequency === 'WEEKLY') return fail('BYMONTHDAY does not go with FREQ=WEEKLY.');

  const byMonth = values.has('BYMONTH') ? integers(values.get('BYMONTH')!, 1, 12) : [];
  if (!byMonth) return fail('BYMONTH takes months 1 to 12, each once.');

  const count = values.has('COUNT') ? integers(values.get('COUNT')!, 1, COUNT_MAX) : [];
  if (!count || count.length > 1) return fail(`COUNT is a whole number from 1 to ${COUNT_MAX}.`);

  let until: string | null = null;
  if (values.has('UNTIL')) {
    const match = UNTIL_TOKEN.exec(values.get('UNTIL')!);
    until = match ? realDate(match[1]!, match[2]!, match[3]!) : null;
    if (!until) return fail('UNTIL is a date like 20270105 (or 20270105T235959Z).');
    if (count.length > 0) return fail('A rule has COUNT or UNTIL, not both.');
  }

  const never = neverOccurs(frequency, interval[0]!, byDay, byMonthDay, byMonth);
  if (never) return fail(never);

  return {
    ok: true,
    parts: {
      freq: frequency,
      interval: interval[0]!,
      byDay: [...byDay].sort((a, b) => WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday) || (a.ordinal ?? 0) - (b.ordinal ?? 0)),
      byMonthDay: [...byMonthDay].sort((a, b) => a - b),
      byMonth: [...byMonth].sort((a, b) => a - b),
      count: count[0] ?? null,
      until,
    },
  };
}

/** The one way we store a rule: fixed part order, no defaults, UNTIL as a date. */
export function writeRule(parts: RuleParts): string {
  const pieces = [`FREQ=${parts.freq}`];
  if (parts.interval !== 1) pieces.push(`INTERVAL=${parts.interval}`);
  if (parts.byMonth.length > 0) pieces.push(`BYMONTH=${parts.byMonth.join(',')}`);
  if (parts.byMonthDay.length > 0) pieces.push(`BYMONTHDAY=${parts.byMonthDay.join(',')}`);
  if (parts.byDay.length > 0) pieces.push(`BYDAY=${parts.byDay.map((day) => `${day.ordinal ?? ''}${day.weekday}`).join(',')}`);
  if (parts.count !== null) pieces.push(`COUNT=${parts.count}`);
  if (parts.until !== null) pieces.push(`UNTIL=${parts.until.replaceAll('-', '')}`);
  return pieces.join(';');
}
