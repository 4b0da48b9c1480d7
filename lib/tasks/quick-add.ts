import * as chrono from 'chrono-node';
import { firstOccurrenceFrom, pinnedRule } from '../recurrence/next-occurrence';
import { readRecurrencePhrase } from '../recurrence/phrase';
import { writeRule } from '../recurrence/rule-text';
import type { Recurrence } from '../recurrence/rules';
import { offsetMinutes, wallClock } from '../time-zone';
import { normalizeTag, tagKey } from './rules';
import { titleWithout, type ParsedPart, type ParsedPartType, type QuickAdd, type QuickAddList, type RecurrencePart } from './quick-add-parts';
import type { Priority } from './schema';

/**
 * Quick add: one line of text read the way Todoist reads it. Dates and times in plain words come from
 * chrono-node, in the person's time zone; our own tokens are `#List`, `+tag` and `!1`–`!3`. What was
 * understood is returned with its place in the text, so the UI can highlight it and undo it.
 * Plain code (no server-only): `POST /api/tasks/parse` runs it and unit tests drive it directly.
 */

export type { ParsedPart, ParsedPartType, QuickAdd, QuickAddList, RecurrencePart } from './quick-add-parts';

const PRIORITY_OF: Record<string, Priority> = { '1': 'high', '2': 'medium', '3': 'low' };
/** A token starts the text or follows a space, and ends at a space or the end: "C#" or "a+b@x.io" are words. */
const TOKEN = /(^|\s)(#[\p{L}\p{N}_-]+|\+[\p{L}\p{N}_.-]+|![1-3])(?=\s|$)/gu;

const squash = (name: string) => name.toLocaleLowerCase('en-US').replace(/[\s_-]+/g, '');

const pad = (value: number) => String(value).padStart(2, '0');

/** "at 5" means 5 pm in a to-do list: an hour of 1–7 with no am/pm said is taken as the afternoon. */
function hourOf(result: chrono.ParsedResult): number | null {
  if (!result.start.isCertain('hour')) return null;
  const hour = result.start.get('hour') ?? 0;
  return !result.start.isCertain('meridiem') && hour >= 1 && hour <= 7 ? hour + 12 : hour;
}

export function parseQuickAdd(text: string, context: { readonly now: Date; readonly timeZone: string; readonly lists: readonly QuickAddList[] }): QuickAdd {
  const parts: ParsedPart[] = [];
  const tags: string[] = [];
  let priority: Priority | null = null;
  let listId: string | null = null;
  let newListName: string | null = null;

  for (const match of text.matchAll(TOKEN)) {
    const token = match[2]!;
    const start = match.index + match[1]!.length;
    const part = (type: ParsedPartType) => parts.push({ type, text: token, start, end: start + token.length });
    if (token.startsWith('!')) {
      priority = PRIORITY_OF[token.slice(1)]!;
      part('priority');
    } else if (token.startsWith('+')) {
      const tag = normalizeTag(token);
      if (!tags.some((existing) => tagKey(existing) === tagKey(tag))) tags.push(tag);
      part('tag');
    } else if (listId === null && newListName === null) {
      const name = token.slice(1);
      const list = context.lists.find((candidate) => squash(candidate.name) === squash(name));
      if (list) listId = list.id;
      else newListName = name;
      part('list');
    }
  }

  // Dates are read from the text with the tokens (and the repeating words) blanked out, so "#Dec24"
  // or "every dec 24" is never a due date and every position still points into the original text.
  const blank = (from: string, start: number, end: number) => from.slice(0, start) + ' '.repeat(end - start) + from.slice(end);
  let blanked = text;
  for (const part of parts) blanked = blank(blanked, part.start, part.end);
  const offset = offsetMinutes(context.timeZone, context.now);
  const phrase = readRecurrencePhrase(blanked, { now: context.now, offsetMinutes: offset });
  if (phrase) blanked = blank(blanked, phrase.start, phrase.end);
  const results = chrono.parse(blanked, { instant: context.now, timezone: offset }, { forwardDate: true });
  // Words after an "every" we did not read as a rule ("every 3rd workday") are no due date either.
  const date = results.find((result) => !/\bevery\s*$/i.test(blanked.slice(0, result.index)));
  let dueDate: string | null = null;
  let dueTime: string | null = null;
  if (date) {
    dueDate = `${date.start.get('year')}-${pad(date.start.get('month') ?? 1)}-${pad(date.start.get('day') ?? 1)}`;
    const hour = hourOf(date);
    dueTime = hour === null ? null : `${pad(hour)}:${pad(date.start.get('minute') ?? 0)}`;
    parts.push({ type: 'date', text: date.text, start: date.index, end: date.index + date.text.length });
  }

  // A rule with no day named starts on its first occurrence from today (or from the day a time
  // alone points to: "every day at 8am" said at 9am starts tomorrow).
  let recurrence: Recurrence | null = null;
  let recurrencePart: RecurrencePart | null = null;
  if (phrase) {
    const rule = writeRule(phrase.parts);
    const first = date?.start.isCertain('day') ? dueDate : firstOccurrenceFrom(rule, dueDate ?? wallClock(context.timeZone, context.now).date);
    if (first !== null) {
      dueDate = first;
      recurrence = { rule: phrase.from === 'due' ? pinnedRule(rule, first) : rule, from: phrase.from };
      recurrencePart = { type: 'recurrence', text: text.slice(phrase.start, phrase.end), start: phrase.start, end: phrase.end };
    }
  }

  parts.sort((a, b) => a.start - b.start);
  const understood = recurrencePart ? [...parts, recurrencePart].sort((a, b) => a.start - b.start) : parts;
  return { title: titleWithout(text, understood), dueDate, dueTime, priority, listId, newListName, tags, recurrence, parts, recurrencePart };
}
