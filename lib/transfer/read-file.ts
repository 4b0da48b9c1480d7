import type { BodyFormat } from '../http';
import { readExportDocument } from './document';
import type { ImportPlan, SkippedEntry } from './model';
import { readTodoistCsv, type TodoistContext } from './todoist';

/** An import file of either kind, read and validated: a Todoer export (JSON) or a Todoist export (CSV). */
export function readImportFile(format: BodyFormat, text: string, context: TodoistContext): { plan: ImportPlan; skipped: SkippedEntry[] } {
  return format === 'csv' ? readTodoistCsv(text, context) : readExportDocument(text);
}
