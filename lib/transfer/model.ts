import type { Recurrence } from '../recurrence/rules';
import type { Priority } from '../tasks/schema';

/**
 * What export and import exchange, in one zod-free module: the server's readers and writers build on
 * it, and the account page imports the limits and the report's shape from here too.
 */

export const EXPORT_FORMAT = 'todoer-export';
export const EXPORT_VERSION = 1;
export const EXPORT_NOTE = 'Attachments (images) are not included in exports.';

/** Checked before the body is parsed (413 past it). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** Tasks one import may create, the size of the open-task quota (SPEC §6.4). */
export const MAX_IMPORT_TASKS = 10_000;
/** Skipped entries listed in a report; the rest are counted (`skippedCount`). */
export const MAX_REPORTED_SKIPS = 200;
/** A Todoist import becomes one list, named after the file or this. */
export const DEFAULT_IMPORT_LIST_NAME = 'Imported';

export type ExportedSubtask = { readonly title: string; readonly completed: boolean };

export type ExportedTask = {
  readonly title: string;
  readonly description: string | null;
  readonly priority: Priority;
  readonly dueDate: string | null;
  readonly dueTime: string | null;
  readonly tags: readonly string[];
  readonly subtasks: readonly ExportedSubtask[];
  readonly recurrence: Recurrence | null;
  readonly position: string;
  readonly completed: boolean;
  readonly completedAt: string | null;
  readonly createdAt: string;
};

export type ExportedList = {
  readonly name: string;
  readonly color: string | null;
  readonly position: string;
  readonly inbox: boolean;
  readonly tasks: readonly ExportedTask[];
};

export type ExportDocument = {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: typeof EXPORT_VERSION;
  readonly exportedAt: string;
  readonly note: string;
  readonly lists: readonly ExportedList[];
};

/** Where in the file something was skipped: a CSV line, or a path into the JSON document. */
export type SkippedEntry = { readonly line?: number; readonly path?: string; readonly reason: string };

export type ImportReport = {
  readonly imported: { readonly lists: number; readonly tasks: number };
  readonly skipped: readonly SkippedEntry[];
  /** All skipped entries, also those past MAX_REPORTED_SKIPS. */
  readonly skippedCount: number;
};

/**
 * A file read and validated, ready to write: every list and task in it passed the same rules as a
 * created one. Positions may be null where the file had none (a Todoist export): the writer orders them.
 */
export type ImportPlan = {
  readonly lists: readonly (Omit<ExportedList, 'position' | 'tasks'> & {
    readonly position: string | null;
    readonly tasks: readonly (Omit<ExportedTask, 'position'> & { readonly position: string | null })[];
  })[];
};

export const importedTaskCount = (plan: ImportPlan) => plan.lists.reduce((total, list) => total + list.tasks.length, 0);
