import type { NewTask } from '@/lib/query/tasks';
import type { Priority } from '@/lib/tasks/schema';

/**
 * Quick client-side checks of task fields, so obvious slips never leave the browser. They mirror
 * lib/tasks/schema.ts (kept free of zod here to keep it out of the page's bundle); the server decides.
 */

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 2000;
export const PRIORITY_OPTIONS: readonly { readonly value: Priority; readonly label: string }[] = [
  { value: 'low', label: 'Low' },
  { value: 'medium', label: 'Medium' },
  { value: 'high', label: 'High' },
];

/** What the task form fields hold: strings, as inputs do. */
export type TaskDraft = { readonly title: string; readonly description: string; readonly dueDate: string; readonly priority: Priority };
export type TaskDraftErrors = Partial<Record<keyof TaskDraft, string>>;

export const EMPTY_DRAFT: TaskDraft = { title: '', description: '', dueDate: '', priority: 'medium' };

export function draftOf(task: NewTask): TaskDraft {
  return { title: task.title, description: task.description ?? '', dueDate: task.dueDate ?? '', priority: task.priority };
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function isPriority(value: string): value is Priority {
  return PRIORITY_OPTIONS.some((option) => option.value === value);
}

/** The task a draft describes (trimmed, empty optional fields as null), or the problems with it. */
export function readDraft(draft: TaskDraft): { task: NewTask; errors?: undefined } | { task?: undefined; errors: TaskDraftErrors } {
  const title = draft.title.trim();
  const description = draft.description.trim();
  const errors: TaskDraftErrors = {};
  if (title === '') errors.title = 'Enter a title.';
  else if (title.length > TITLE_MAX) errors.title = `Titles are at most ${TITLE_MAX} characters.`;
  if (description.length > DESCRIPTION_MAX) errors.description = `Descriptions are at most ${DESCRIPTION_MAX} characters.`;
  if (draft.dueDate !== '' && !isCalendarDate(draft.dueDate)) errors.dueDate = 'Enter a real date, like 2026-12-31.';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    task: { title, description: description === '' ? null : description, dueDate: draft.dueDate || null, priority: draft.priority },
  };
}
