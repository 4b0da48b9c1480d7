/**
 * What a one-line name (task and subtask titles, tags, list names, people's names, file names) may
 * not contain: control characters, which break display and logs, and bidirectional overrides and
 * isolates, which make text read differently from what it is ("Trojan Source"). Zod-free, so the
 * browser checks the same rule the server enforces. Descriptions keep their line breaks and tabs.
 */

const LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const TEXT_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

export const FORBIDDEN_IN_LINE = 'This cannot contain control characters or text-direction overrides.';
export const FORBIDDEN_IN_TEXT = 'This cannot contain control characters (other than line breaks and tabs) or text-direction overrides.';

/** True when a one-line name is free of control characters and direction overrides. */
export function isCleanLine(text: string): boolean {
  return !LINE_FORBIDDEN.test(text);
}

/** True when multi-line text (a description) is clean: line breaks and tabs are fine. */
export function isCleanText(text: string): boolean {
  return !TEXT_FORBIDDEN.test(text);
}
