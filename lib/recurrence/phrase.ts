import * as chrono from 'chrono-node';
import { WEEKDAYS, WEEKDAYS_MO_FR, type Frequency, type RecurrenceFrom, type RuleDay, type RuleParts, type Weekday } from './rules';

/**
 * Quick add's reader of repeating words: "every 2 weeks on mon and thu after completion until
 * jan 5", "daily", "every last friday". Finds the first such phrase and returns the rule parts
 * and where the words are, so quick add can take them out of the title and highlight them.
 */

export type RecurrencePhrase = {
  readonly start: number;
  readonly end: number;
  readonly parts: RuleParts;
  readonly from: RecurrenceFrom;
};

export type PhraseContext = { readonly now: Date; readonly offsetMinutes: number };

/** Weekday words, without a capture group, so they nest in the other patterns. */
const WEEKDAY = String.raw`(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)s?`;
const WEEKDAY_LIST = String.raw`${WEEKDAY}(?:\s*(?:,|and|&)\s*${WEEKDAY})*`;
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const DAY_NUMBER = String.raw`([12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?`;
/** A day of the month said alone needs its suffix: "every 15th", while "every 2 hours" is no rule. */
const DAY_ORDINAL = String.raw`([12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)`;
const ORDINAL = String.raw`(first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)`;
const END = String.raw`(?![\p{L}\p{N}])`;

/** Matches at the start of the text it is given (anchored, so it keeps no lastIndex between uses). */
const atStart = (source: string) => new RegExp(`^(?:${source})`, 'iu');
const START = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:(?:every|ev)\s+|(daily|weekly|monthly|yearly|annually)${END})`, 'giu');
const ORDINAL_VALUE: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, fifth: 5, '5th': 5, last: -1 };
const ADVERB_FREQ: Record<string, Frequency> = { daily: 'DAILY', weekly: 'WEEKLY', monthly: 'MONTHLY', yearly: 'YEARLY', annually: 'YEARLY' };
const UNIT_FREQ: Record<string, Frequency> = { day: 'DAILY', week: 'WEEKLY', month: 'MONTHLY', year: 'YEARLY' };

const weekdayOf = (word: string): Weekday => WEEKDAYS.find((code) => word.toLowerCase().startsWith(code.toLowerCase()))!;
const monthOf = (word: string): number => ['ja', 'fe', 'mar', 'ap', 'may', 'jun', 'jul', 'au', 'se', 'oc', 'no', 'de'].findIndex((prefix) => word.toLowerCase().startsWith(prefix)) + 1;

function weekdays(text: string): RuleDay[] {
  const found = [...text.matchAll(new RegExp(WEEKDAY, 'giu'))].map((match) => weekdayOf(match[0]));
  return WEEKDAYS.filter((code) => found.includes(code)).map((weekday) => ({ weekday, ordinal: null }));
}

const rule = (freq: Frequency, more: Partial<RuleParts> = {}): RuleParts => ({ freq, interval: 1, byDay: [], byMonthDay: [], byMonth: [], count: null, until: null, ...more });

type Read = { readonly parts: RuleParts; readonly length: number };

/** What follows "every ": each reader matches at `at` or not at all. */
const BODIES: readonly ((text: string, at: number) => Read | null)[] = [
  // "2 weeks", "other week", "3 days", "month" — with an optional "on mon and thu" / "on the 15th".
  (text, at) => {
    const match = atStart(String.raw`(?:(other|\d{1,3})\s+)?(day|week|month|year)s?${END}(?:\s+on\s+(?:(${WEEKDAY_LIST})|the\s+(?:${DAY_NUMBER}|(last)\s+day)${END}))?`).exec(text.slice(at));
    if (!match) return null;
    const interval = match[1] === undefined ? 1 : match[1].toLowerCase() === 'other' ? 2 : Number(match[1]);
    if (interval < 1) return null;
    const freq = UNIT_FREQ[match[2]!.toLowerCase()]!;
    const byDay = match[3] && freq === 'WEEKLY' ? weekdays(match[3]) : [];
    const monthDay = match[4] ? Number(match[4]) : match[5] ? -1 : null;
    if (match[3] && freq !== 'WEEKLY') return null;
    if (monthDay !== null && freq !== 'MONTHLY') return null;
    return { parts: rule(freq, { interval, byDay, byMonthDay: monthDay === null ? [] : [monthDay] }), length: match[0].length };
  },
  (text, at) => {
    const match = atStart(String.raw`(?:weekday|workday)s?${END}`).exec(text.slice(at));
    return match ? { parts: rule('WEEKLY', { byDay: WEEKDAYS_MO_FR.map((weekday) => ({ weekday, ordinal: null })) }), length: match[0].length } : null;
  },
  (text, at) => {
    const match = atStart(String.raw`weekends?${END}`).exec(text.slice(at));
    return match ? { parts: rule('WEEKLY', { byDay: [{ weekday: 'SA', ordinal: null }, { weekday: 'SU', ordinal: null }] }), length: match[0].length } : null;
  },
  (text, at) => {
    const match = atStart(String.raw`last\s+day${END}`).exec(text.slice(at));
    return match ? { parts: rule('MONTHLY', { byMonthDay: [-1] }), length: match[0].length } : null;
  },
  (text, at) => {
    const match = atStart(String.raw`${ORDINAL}\s+(${WEEKDAY})${END}`).exec(text.slice(at));
    if (!match) return null;
    return { parts: rule('MONTHLY', { byDay: [{ weekday: weekdayOf(match[2]!), ordinal: ORDINAL_VALUE[match[1]!.toLowerCase()]! }] }), length: match[0].length };
  },
  (text, at) => {
    const match = atStart(String.raw`(other\s+)?(${WEEKDAY_LIST})${END}`).exec(text.slice(at));
    return match ? { parts: rule('WEEKLY', { interval: match[1] ? 2 : 1, byDay: weekdays(match[2]!) }), length: match[0].length } : null;
  },
  (text, at) => {
    const match = atStart(String.raw`(?:${MONTH}\s+${DAY_NUMBER}|${DAY_NUMBER}\s+(?:of\s+)?${MONTH})${END}`).exec(text.slice(at));
    if (!match) return null;
    const month = monthOf(match[1] ?? match[4]!);
    const day = Number(match[2] ?? match[3]);
    // Feb 30 is no date; Feb 29 is, and falls on Feb 28 in other years (see next-occurrence.ts).
    if (day > new Date(Date.UTC(2024, month, 0)).getUTCDate()) return null;
    return { parts: rule('YEARLY', { byMonth: [month], byMonthDay: [day] }), length: match[0].length };
  },
  (text, at) => {
    const match = atStart(String.raw`${DAY_ORDINAL}${END}`).exec(text.slice(at));
    return match ? { parts: rule('MONTHLY', { byMonthDay: [Number(match[1])] }), length: match[0].length } : null;
  },
];

const FROM_COMPLETION = atStart(String.raw`\s+(?:from|after)\s+(?:completion|completing|completed|done)${END}`);
const TIMES = atStart(String.raw`\s+(?:for\s+)?(\d{1,3})\s+times${END}`);
const UNTIL = atStart(String.raw`\s+until\s+`);

const pad = (value: number) => String(value).padStart(2, '0');

/** "until jan 5": the date chrono reads right after "until", with its length. */
function untilDate(text: string, context: PhraseContext): { readonly date: string; readonly length: number } | null {
  const until = UNTIL.exec(text);
  if (!until) return null;
  const rest = text.slice(until[0].length);
  const [result] = chrono.parse(rest, { instant: context.now, timezone: context.offsetMinutes }, { forwardDate: true });
  if (!result || result.index !== 0) return null;
  const date = `${result.start.get('year')}-${pad(result.start.get('month') ?? 1)}-${pad(result.start.get('day') ?? 1)}`;
  return { date, length: until[0].length + result.text.length };
}

/** The endings "after completion", "for 5 times", "until <date>", in any order. */
function withEndings(text: string, end: number, parts: RuleParts, context: PhraseContext): { readonly end: number; readonly parts: RuleParts; readonly from: RecurrenceFrom } {
  let from: RecurrenceFrom = 'due';
  let result = parts;
  for (;;) {
    const rest = text.slice(end);
    const completion = from === 'due' ? FROM_COMPLETION.exec(rest) : null;
    const times = result.count === null && result.until === null ? TIMES.exec(rest) : null;
    const until = result.count === null && result.until === null ? untilDate(rest, context) : null;
    if (completion) {
      from = 'completion';
      end += completion[0].length;
    } else if (times && Number(times[1]) >= 1) {
      result = { ...result, count: Number(times[1]) };
      end += times[0].length;
    } else if (until) {
      result = { ...result, until: until.date };
      end += until.length;
    } else {
      return { end, parts: result, from };
    }
  }
}

/** The first repeating phrase in `text`, or null. */
export function readRecurrencePhrase(text: string, context: PhraseContext): RecurrencePhrase | null {
  for (const match of text.matchAll(START)) {
    const adverb = match[1];
    let read: Read | null = null;
    if (adverb) read = { parts: rule(ADVERB_FREQ[adverb.toLowerCase()]!), length: 0 };
    else for (const body of BODIES) if ((read = body(text, match.index + match[0].length))) break;
    if (!read) continue;
    const bodyEnd = match.index + match[0].length + read.length;
    const { end, parts, from } = withEndings(text, bodyEnd, read.parts, context);
    return { start: match.index, end, parts, from };
  }
  return null;
}
