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
