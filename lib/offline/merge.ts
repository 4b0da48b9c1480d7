import type { TaskChanges } from '@/lib/client/tasks-api';
import type { Task } from '@/lib/tasks/schema';

/**
 * The field-by-field merge of a change that met a newer version (412): `base` is the task the person
 * changed, `theirs` the server's task now. A field only the person changed is sent again; one only
 * the server changed stays the server's; one both changed to different values is a conflict the
 * person decides (mine or theirs).
 */

export type ChangedField = keyof TaskChanges;

export type FieldConflict = {
  readonly field: ChangedField;
  readonly mine: TaskChanges[ChangedField];
  readonly theirs: Task[ChangedField];
};

export type MergeResult = {
  /** What to send now (with If-Match of `theirs`), before any conflict is decided. */
  readonly changes: TaskChanges;
  readonly conflicts: readonly FieldConflict[];
};

/** Subtask drafts may lack ids (new ones): compared by what the person sees. */
function comparable(field: ChangedField, value: unknown): string {
  if (field === 'subtasks' && Array.isArray(value)) {
    return JSON.stringify(value.map((item: { title: string; completed: boolean }) => [item.title, item.completed]));
  }
  return JSON.stringify(value ?? null);
}

export function mergeTaskChanges(base: Task, mine: TaskChanges, theirs: Task): MergeResult {
  const changes: Partial<Record<ChangedField, unknown>> = {};
  const conflicts: FieldConflict[] = [];
  for (const field of Object.keys(mine) as ChangedField[]) {
    const value = mine[field];
    if (value === undefined) continue;
    const mineText = comparable(field, value);
    const baseText = comparable(field, base[field]);
    const theirsText = comparable(field, theirs[field]);
    if (mineText === baseText || mineText === theirsText) continue;
    if (theirsText === baseText) changes[field] = value;
    else conflicts.push({ field, mine: value, theirs: theirs[field] });
  }
  return { changes: changes as TaskChanges, conflicts };
}

/** The person's choice for each conflicting field, as the change to send. */
export function resolveConflicts(conflicts: readonly FieldConflict[], choices: Readonly<Partial<Record<ChangedField, 'mine' | 'theirs'>>>): TaskChanges {
  const chosen: Partial<Record<ChangedField, unknown>> = {};
  for (const conflict of conflicts) {
    if (choices[conflict.field] === 'mine') chosen[conflict.field] = conflict.mine;
  }
  return chosen as TaskChanges;
}
