import { z } from 'zod';
import { updateTaskSchema, type UpdateTaskInput } from '../tasks/schema';
import type { ReminderRule } from './rules';
import { remindersInputSchema } from './schema';

/**
 * PATCH /api/tasks/:id carries the task's fields and, beside them, the caller's own `reminders`: a
 * person's reminders are theirs, not the task's, so they change neither its version nor need edit rights.
 */
export const taskPatchBodySchema = z
  .looseObject({ reminders: remindersInputSchema.optional() })
  .transform(({ reminders, ...fields }, context): { patch: UpdateTaskInput | null; reminders: ReminderRule[] | undefined } => {
    if (Object.keys(fields).length === 0) {
      if (reminders === undefined) context.addIssue({ code: 'custom', message: 'Send at least one field to change.' });
      return { patch: null, reminders };
    }
    const patch = updateTaskSchema.safeParse(fields);
    if (patch.success) return { patch: patch.data, reminders };
    for (const issue of patch.error.issues) {
      // Each unknown field on its own, as lib/http.ts names them.
      const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
      const message = issue.code === 'unrecognized_keys' ? 'This field is not allowed.' : issue.message;
      for (const path of paths) context.addIssue({ code: 'custom', message, path });
    }
    return z.NEVER;
  });
