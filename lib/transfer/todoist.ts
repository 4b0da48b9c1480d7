import type { Recurrence } from '../recurrence/rules';
import { parseQuickAdd } from '../tasks/quick-add';
import { normalizeTag, SUBTASKS_MAX, tagKey, tagsProblem } from '../tasks/rules';
import { createTaskSchema, type Priority } from '../tasks/schema';
import { isTimeZone } from '../time-zone';
import { readCsv, type CsvRow } from './csv';
import type { ImportPlan, SkippedEntry } from './model';
import { ImportRejectedError } from './rejected';

/**
 * A Todoist CSV export as one list: sections become a tag on the tasks under them, `@labels` in a
 * task's text become tags too, tasks indented 2 or deeper become subtasks of the task above (deeper
 * levels flattened: our subtasks have no children), notes join the description of the task above.
 * Each task passes the same schema as a created one; what does not is skipped with its line.
 */

/** Every Todoist export has these; the others (AUTHOR, DURATION, ...) are optional and mostly unused. */
const REQUIRED_COLUMNS = ['TYPE', 'CONTENT', 'PRIORITY', 'INDENT'] as const;

/**
 * Todoist's CSV counts priorities from the top: 1 is p1 (highest, red), 4 is p4, "no priority", which
 * is what our default (medium) means. p3 is the lowest priority a person chose on purpose.
 */
const PRIORITY_OF: Record<string, Priority> = { '1': 'high', '2': 'medium', '3': 'low', '4': 'medium' };

const LABEL = /(^|\s)@([\p{L}\p{N}_.-]+)(?=\s|$)/gu;

type Draft = {
  line: number;
  title: string;
  description: string | null;
  priority: Priority;
  dueDate: string | null;
  dueTime: string | null;
  recurrence: Recurrence | null;
  tags: string[];
  subtasks: { title: string; completed: boolean }[];
};

export type TodoistContext = { readonly listName: string; readonly timeZone: string; readonly now: Date };

function withoutLabels(content: string): { title: string; labels: string[] } {
  const labels = [...content.matchAll(LABEL)].map((match) => normalizeTag(match[2]!));
  return { title: content.replace(LABEL, ' ').replace(/\s+/g, ' ').trim(), labels };
}

function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((tag) => tag !== '' && !seen.has(tagKey(tag)) && Boolean(seen.add(tagKey(tag))));
}

export function readTodoistCsv(text: string, context: TodoistContext): { plan: ImportPlan; skipped: SkippedEntry[] } {
  const { header, rows } = readCsv(text);
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    throw new ImportRejectedError('This is not a Todoist CSV export: columns are missing.', [{ line: 1, reason: `Missing columns: ${missing.join(', ')}.` }]);
  }
  const cell = (row: CsvRow, column: string) => (row.cells[header.indexOf(column)] ?? '').trim();
  const skipped: SkippedEntry[] = [];
  const drafts: Draft[] = [];
  let section: string | null = null;
  let parent: Draft | null = null;

  for (const row of rows) {
    const type = cell(row, 'TYPE');
    const content = cell(row, 'CONTENT');
    if (type === '' && row.cells.every((value) => value.trim() === '')) continue;
    if (type === 'meta') continue;
    if (type === 'section') {
      const tag = normalizeTag(content);
      const problem = tagsProblem([tag]);
      section = problem ? null : tag;
      if (problem) skipped.push({ line: row.line, reason: `The section “${content}” cannot be a tag (${problem}); its tasks were imported without it.` });
      continue;
    }
    if (type === 'note') {
      const target = parent;
      if (!target) skipped.push({ line: row.line, reason: 'A note without a task above it.' });
      else if (content) target.description = target.description ? `${target.description}\n\n${content}` : content;
      continue;
    }
    if (type !== 'task') {
      skipped.push({ line: row.line, reason: `Unknown row type “${type}” (task, section or note).` });
      continue;
    }
    const indent = Number.parseInt(cell(row, 'INDENT') || '1', 10);
    if (indent >= 2) {
      if (!parent) skipped.push({ line: row.line, reason: 'A subtask without a task above it.' });
      else if (parent.subtasks.length >= SUBTASKS_MAX) skipped.push({ line: row.line, reason: `A task has at most ${SUBTASKS_MAX} subtasks.` });
      else parent.subtasks.push({ title: withoutLabels(content).title, completed: false });
      continue;
    }
    const { title, labels } = withoutLabels(content);
    const rawPriority = cell(row, 'PRIORITY');
    const priority = PRIORITY_OF[rawPriority] ?? 'medium';
    if (rawPriority !== '' && !PRIORITY_OF[rawPriority]) skipped.push({ line: row.line, reason: `Priority “${rawPriority}” is not 1–4; imported as medium.` });
    const due = readDate(row, cell(row, 'DATE'), cell(row, 'TIMEZONE'), context, skipped);
    parent = { line: row.line, title, description: cell(row, 'DESCRIPTION') || null, priority, ...due, tags: uniqueTags([...(section ? [section] : []), ...labels]), subtasks: [] };
    drafts.push(parent);
  }

  // Todoist's CSV has no creation times: the rows are stamped a millisecond apart, first row oldest, so
  // "newest first" views keep the file's order (reversed) instead of an arbitrary one.
  const createdAt = (index: number) => new Date(context.now.getTime() - (drafts.length - index)).toISOString();
  const tasks = drafts.flatMap(({ line, ...draft }, index) => {
    const parsed = createTaskSchema.safeParse(draft);
    if (parsed.success) {
      const { title, description, priority, dueDate, dueTime, tags, subtasks, recurrence } = parsed.data;
      const fields = { title, description, priority, dueDate, dueTime, tags, recurrence, subtasks: subtasks.map(({ title: name, completed }) => ({ title: name, completed })) };
      return [{ ...fields, position: null, completed: false, completedAt: null, createdAt: createdAt(index) }];
    }
    skipped.push({ line, reason: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'task'}: ${issue.message}`).join(' ') });
    return [];
  });
  if (tasks.length === 0) throw new ImportRejectedError('Nothing in this file could be imported.', skipped);
  return { plan: { lists: [{ name: context.listName, color: null, position: null, inbox: false, tasks }] }, skipped: skipped.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
}

/** Todoist's DATE is words ("tomorrow 5pm", "Dec 24"), read like quick add reads them, in the row's or the person's time zone. */
type DueFields = { dueDate: string | null; dueTime: string | null; recurrence: Recurrence | null };

/** Repeating dates ("every friday") become the rule, due on its first occurrence, as quick add reads them. */
function readDate(row: CsvRow, text: string, rowTimeZone: string, context: TodoistContext, skipped: SkippedEntry[]): DueFields {
  if (text === '') return { dueDate: null, dueTime: null, recurrence: null };
  const timeZone = rowTimeZone && isTimeZone(rowTimeZone) ? rowTimeZone : context.timeZone;
  const { dueDate, dueTime, recurrence } = parseQuickAdd(text, { now: context.now, timeZone, lists: [] });
  if (dueDate) return { dueDate, dueTime, recurrence };
  skipped.push({ line: row.line, reason: `The date “${text}” was not understood; the task has no due date.` });
  return { dueDate: null, dueTime: null, recurrence: null };
}
