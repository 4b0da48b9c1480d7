import { FORBIDDEN_IN_LINE, isCleanLine } from '../text-rules';

/**
 * The limits and rules of task fields, in one zod-free module: the server's schemas
 * (lib/tasks/schema.ts) build on it and the browser imports it for instant checks, so the two never
 * disagree and the page's bundle carries no validation library.
 */

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 2000;
export const TAGS_MAX = 20;
export const TAG_MAX = 32;
export const SUBTASKS_MAX = 50;
export const SUBTASK_TITLE_MAX = 200;
/** Open tasks across the lists an account owns (SPEC §6.4). */
export const MAX_OPEN_TASKS = 10_000;

export const PRIORITIES = ['low', 'medium', 'high'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** How open tasks are ordered; `status=all` is newest first and `done` most recently completed first. */
export const SORTS = ['manual', 'due', 'priority', 'created'] as const;
export type TaskSort = (typeof SORTS)[number];

/**
 * The order a view has when the person chose none: manual inside one list, newest first across lists
 * and in a tag's view. The API and the sort menu both read it.
 */
export function defaultSort({ status, listId, tag }: { readonly status: string; readonly listId?: string | null; readonly tag?: string }): TaskSort {
  return status === 'open' && listId && !tag ? 'manual' : 'created';
}

export function isPriority(value: string): value is Priority {
  return (PRIORITIES as readonly string[]).includes(value);
}

export function isTaskSort(value: string): value is TaskSort {
  return (SORTS as readonly string[]).includes(value);
}

/** A real calendar date (YYYY-MM-DD): 2026-02-30 is refused, not rolled over. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** HH:MM on a 24-hour clock. */
export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A tag as stored: trimmed, inner spaces collapsed, no leading "+" or "#". */
export function normalizeTag(raw: string): string {
  return raw.trim().replace(/^[+#]+/, '').replace(/\s+/g, ' ');
}

/** Tags match ignoring case: "Errands" and "errands" are one tag. */
export function tagKey(tag: string): string {
  return tag.toLocaleLowerCase('en-US');
}

/** The first problem with a set of tags, or null: count, length, duplicates ignoring case. */
export function tagsProblem(tags: readonly string[]): string | null {
  if (tags.length > TAGS_MAX) return `A task has at most ${TAGS_MAX} tags.`;
  const seen = new Set<string>();
  for (const tag of tags) {
    if (tag.length < 1 || tag.length > TAG_MAX) return `Tags are 1 to ${TAG_MAX} characters.`;
    if (!isCleanLine(tag)) return FORBIDDEN_IN_LINE;
    if (seen.has(tagKey(tag))) return `“${tag}” is there twice.`;
    seen.add(tagKey(tag));
  }
  return null;
}
