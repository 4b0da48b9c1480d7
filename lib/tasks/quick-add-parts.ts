import type { Recurrence } from '../recurrence/rules';
import type { Priority } from './schema';

/**
 * What quick add understood, and the title left when some of it is taken out: plain code without the
 * date parser, so the browser (which drops parts the person wants kept in the title) builds the title
 * exactly as the server's parser does.
 */

export type QuickAddList = { readonly id: string; readonly name: string };
export type ParsedPartType = 'date' | 'list' | 'tag' | 'priority';
export type ParsedPart = { readonly type: ParsedPartType; readonly text: string; readonly start: number; readonly end: number };
/**
 * The repeating words ("every monday"): apart from `parts` so a form that knows only the field parts
 * keeps working; a form that shows it highlights it like the others and, when it is dropped, leaves
 * `recurrence` out and passes it to titleWithout no more.
 */
export type RecurrencePart = { readonly type: 'recurrence'; readonly text: string; readonly start: number; readonly end: number };
export type QuickAddPart = ParsedPart | RecurrencePart;

export type QuickAdd = {
  readonly title: string;
  readonly dueDate: string | null;
  readonly dueTime: string | null;
  /** Null when the text named none: the form keeps its own default. */
  readonly priority: Priority | null;
  readonly listId: string | null;
  /** `#Name` that matches no list: the UI offers to create it. */
  readonly newListName: string | null;
  readonly tags: readonly string[];
  /** "every monday": the rule, with dueDate its first occurrence when the text named no date. */
  readonly recurrence: Recurrence | null;
  readonly parts: readonly ParsedPart[];
  /** Always set by the parser; optional so a form that rebuilds this shape without it still types. */
  readonly recurrencePart?: RecurrencePart | null;
};

/** Words that only joined the date to the title ("report by Monday"). */
const CONNECTORS = new Set(['by', 'on', 'at', 'due', 'before']);

/** The text less what was understood, and less a connector left dangling before a date. */
export function titleWithout(text: string, parts: readonly QuickAddPart[]): string {
  let title = '';
  let at = 0;
  for (const part of parts) {
    let before = text.slice(at, part.start);
    if (part.type === 'date') {
      const words = before.trimEnd().split(/\s+/);
      if (words.length > 1 && CONNECTORS.has(words.at(-1)!.toLocaleLowerCase('en-US'))) before = `${words.slice(0, -1).join(' ')} `;
    }
    title += `${before} `;
    at = part.end;
  }
  title += text.slice(at);
  return title.replace(/\s+/g, ' ').trim();
}
