import type { NewTask } from '@/lib/client/tasks-api';
import { DESCRIPTION_MAX, isCalendarDate, TITLE_MAX, type Priority } from '@/lib/tasks/rules';

/**
 * Quick client-side checks of task fields, so obvious slips never leave the browser. The limits and
 * rules come from lib/tasks/rules.ts, which the server's schemas use too; the server decides.
 */

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

export function titleProblem(title: string): string | null {
  if (title === '') return 'Enter a title.';
  return title.length > TITLE_MAX ? `Titles are at most ${TITLE_MAX} characters.` : null;
}

/** The task a draft describes (trimmed, empty optional fields as null), or the problems with it. */
export function readDraft(draft: TaskDraft): { task: NewTask; errors?: undefined } | { task?: undefined; errors: TaskDraftErrors } {
  const title = draft.title.trim();
  const description = draft.description.trim();
  const errors: TaskDraftErrors = {};
  const badTitle = titleProblem(title);
  if (badTitle) errors.title = badTitle;
  if (description.length > DESCRIPTION_MAX) errors.description = `Descriptions are at most ${DESCRIPTION_MAX} characters.`;
  if (draft.dueDate !== '' && !isCalendarDate(draft.dueDate)) errors.dueDate = 'Enter a real date, like 2026-12-31.';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    task: { title, description: description === '' ? null : description, dueDate: draft.dueDate || null, priority: draft.priority },
  };
}
