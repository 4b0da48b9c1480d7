import * as chrono from 'chrono-node';
import { normalizeTag, tagKey } from './rules';
import { titleWithout, type ParsedPart, type ParsedPartType, type QuickAdd, type QuickAddList } from './quick-add-parts';
import type { Priority } from './schema';

/**
 * Quick add: one line of text read the way Todoist reads it. Dates and times in plain words come from
 * chrono-node, in the person's time zone; our own tokens are `#List`, `+tag` and `!1`–`!3`. What was
 * understood is returned with its place in the text, so the UI can highlight it and undo it.
 * Plain code (no server-only): `POST /api/tasks/parse` runs it and unit tests drive it directly.
 */

export type { ParsedPart, ParsedPartType, QuickAdd, QuickAddList } from './quick-add-parts';

const PRIORITY_OF: Record<string, Priority> = { '1': 'high', '2': 'medium', '3': 'low' };
/** A token starts the text or follows a space, and ends at a space or the end: "C#" or "a+b@x.io" are words. */
const TOKEN = /(^|\s)(#[\p{L}\p{N}_-]+|\+[\p{L}\p{N}_.-]+|![1-3])(?=\s|$)/gu;

const squash = (name: string) => name.toLocaleLowerCase('en-US').replace(/[\s_-]+/g, '');

/** Minutes east of UTC in `timeZone` at `now` (chrono's reference offset). */
function offsetMinutes(timeZone: string, now: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(now);
  const value = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'), value('second'));
  return Math.round((asUtc - Math.floor(now.getTime() / 1000) * 1000) / 60_000);
}

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

  // Dates are read from the text with the tokens blanked out, so "#Dec24" is never a date and every
  // position still points into the original text.
  let blanked = text;
  for (const part of parts) blanked = blanked.slice(0, part.start) + ' '.repeat(part.end - part.start) + blanked.slice(part.end);
  const results = chrono.parse(blanked, { instant: context.now, timezone: offsetMinutes(context.timeZone, context.now) }, { forwardDate: true });
  // "every monday" is a rule, not a date: it stays in the words until recurrence reads it.
  const date = results.find((result) => !/\bevery\s*$/i.test(blanked.slice(0, result.index)));
  let dueDate: string | null = null;
  let dueTime: string | null = null;
  if (date) {
    dueDate = `${date.start.get('year')}-${pad(date.start.get('month') ?? 1)}-${pad(date.start.get('day') ?? 1)}`;
    const hour = hourOf(date);
    dueTime = hour === null ? null : `${pad(hour)}:${pad(date.start.get('minute') ?? 0)}`;
    parts.push({ type: 'date', text: date.text, start: date.index, end: date.index + date.text.length });
  }

  parts.sort((a, b) => a.start - b.start);
  return { title: titleWithout(text, parts), dueDate, dueTime, priority, listId, newListName, tags, recurrence: null, parts };
}
