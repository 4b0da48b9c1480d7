import { z } from 'zod';
import { importedOrderSchema } from '../order-key';
import { createListSchema } from '../lists/schema';
import { recurrenceSchema } from '../recurrence/schema';
import { createTaskSchema, RECURRENCE_NEEDS_DUE_DATE } from '../tasks/schema';
import { EXPORT_FORMAT, EXPORT_VERSION, type ImportPlan, type SkippedEntry } from './model';
import { ImportRejectedError } from './rejected';

/**
 * Reads a Todoer export (the format of lib/transfer/model.ts). The fields are checked by the very
 * schemas that check a created task or list; a list or task that fails them is skipped with its path
 * and reason, the rest imports. A document that is not an export of this version is refused whole.
 */

const task = createTaskSchema.shape;
const isoInstant = z.iso.datetime({ offset: true, error: 'Use an ISO 8601 instant.' });

const exportedTaskSchema = z
  .strictObject({
    title: task.title,
    description: task.description,
    priority: task.priority,
    dueDate: task.dueDate,
    dueTime: task.dueTime,
    tags: task.tags,
    subtasks: task.subtasks,
    // Absent in exports made before recurrence: a plain task.
    recurrence: recurrenceSchema.optional().transform((value) => value ?? null),
    position: importedOrderSchema,
    completed: z.boolean({ error: 'completed is true or false.' }),
    completedAt: isoInstant.nullable(),
    createdAt: isoInstant,
  })
  .refine((value) => value.dueTime === null || value.dueDate !== null, { message: 'A due time needs a due date.', path: ['dueTime'] })
  .refine((value) => value.recurrence === null || value.dueDate !== null, { message: RECURRENCE_NEEDS_DUE_DATE, path: ['recurrence'] });

const exportedListSchema = z.strictObject({
  name: createListSchema.shape.name,
  color: createListSchema.shape.color,
  position: importedOrderSchema,
  inbox: z.boolean({ error: 'inbox is true or false.' }),
  tasks: z.array(z.unknown(), { error: 'tasks is a list.' }),
});

/** Only the frame is checked whole; lists and tasks one by one, so one bad task does not refuse the file. */
const documentFrameSchema = z.object({
  format: z.literal(EXPORT_FORMAT, { error: `This is not a Todoer export (format "${EXPORT_FORMAT}").` }),
  version: z.literal(EXPORT_VERSION, { error: `Only version ${EXPORT_VERSION} exports can be imported.` }),
  exportedAt: z.unknown(),
  note: z.unknown(),
  lists: z.array(z.unknown(), { error: 'lists is a list.' }),
});

const reasonOf = (error: z.ZodError) =>
  error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join(' ');

export function readExportDocument(text: string): { plan: ImportPlan; skipped: SkippedEntry[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ImportRejectedError('The file is not valid JSON.', [{ path: '(file)', reason: 'Not valid JSON.' }]);
  }
  const frame = documentFrameSchema.safeParse(data);
  if (!frame.success) {
    const skipped = frame.error.issues.map((issue) => ({ path: issue.path.join('.') || '(file)', reason: issue.message }));
    throw new ImportRejectedError('The file is not a Todoer export this app can read.', skipped);
  }
  const skipped: SkippedEntry[] = [];
  const lists: ImportPlan['lists'][number][] = [];
  frame.data.lists.forEach((rawList, listIndex) => {
    const list = exportedListSchema.safeParse(rawList);
    if (!list.success) {
      skipped.push({ path: `lists.${listIndex}`, reason: `The list and its tasks were skipped: ${reasonOf(list.error)}` });
      return;
    }
    const tasks = list.data.tasks.flatMap((rawTask, taskIndex) => {
      const parsed = exportedTaskSchema.safeParse(rawTask);
      if (parsed.success) {
        const { subtasks, ...fields } = parsed.data;
        return [{ ...fields, subtasks: subtasks.map(({ title, completed }) => ({ title, completed })), completedAt: fields.completed ? fields.completedAt : null }];
      }
      skipped.push({ path: `lists.${listIndex}.tasks.${taskIndex}`, reason: reasonOf(parsed.error) });
      return [];
    });
    lists.push({ ...list.data, tasks });
  });
  const inboxes = lists.filter((list) => list.inbox).length;
  if (inboxes > 1) throw new ImportRejectedError('An export has one Inbox; this file has several.', [{ path: 'lists', reason: `${inboxes} lists say inbox: true.` }]);
  return { plan: { lists }, skipped };
}
