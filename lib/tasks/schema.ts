import { z } from 'zod';

/** The Task contract of SPEC §2 and the validation of every task input. */

export const PRIORITIES = ['low', 'medium', 'high'] as const;
export type Priority = (typeof PRIORITIES)[number];

export type Label = { readonly name: string; readonly confidence: number };
export type Attachment = {
  readonly id: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  readonly status: 'pending' | 'ready' | 'failed';
  readonly labels: readonly Label[];
  readonly createdAt: string;
};

export type Task = {
  readonly id: string;
  /** The list it belongs to (SPEC §6.1); its members may see it. */
  readonly listId: string;
  readonly title: string;
  readonly description: string | null;
  readonly completed: boolean;
  readonly priority: Priority;
  readonly dueDate: string | null;
  /** Manual order inside its list: a fractional index, compared as a plain string. */
  readonly position: string;
  readonly completedAt: string | null;
  /** The user id of who created it (the item's partition). */
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
  readonly attachments: readonly Attachment[];
};

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 2000;

const titleSchema = z
  .string({ error: 'Enter a title.' })
  .trim()
  .min(1, 'Enter a title.')
  .max(TITLE_MAX, `Titles are at most ${TITLE_MAX} characters.`);

const descriptionSchema = z
  .string({ error: 'The description must be text.' })
  .trim()
  .max(DESCRIPTION_MAX, `Descriptions are at most ${DESCRIPTION_MAX} characters.`)
  .transform((text) => (text.length === 0 ? null : text));

/** A real calendar date: 2026-02-30 is rejected, not rolled over. */
export const calendarDateSchema = z
  .string({ error: 'Use a date like 2026-12-31.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-12-31.')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'That date does not exist.');

const prioritySchema = z.enum(PRIORITIES, { error: 'Priority is low, medium or high.' });

export const listIdSchema = z.uuid({ error: 'listId is the id of one of your lists.' });

export const createTaskSchema = z.strictObject({
  title: titleSchema,
  listId: listIdSchema.optional(),
  description: descriptionSchema.nullish().transform((value) => value ?? null),
  dueDate: calendarDateSchema.nullish().transform((value) => value ?? null),
  priority: prioritySchema.default('medium'),
});
export type CreateTaskInput = z.infer<typeof createTaskSchema>;

export const updateTaskSchema = z
  .strictObject({
    title: titleSchema.optional(),
    description: descriptionSchema.nullable().optional(),
    dueDate: calendarDateSchema.nullable().optional(),
    priority: prioritySchema.optional(),
    completed: z.boolean({ error: 'completed is true or false.' }).optional(),
    listId: listIdSchema.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'Send at least one field to change.');
export type UpdateTaskInput = z.infer<typeof updateTaskSchema>;

/** `limit` of a list query: 1 to 100 items a page, 20 unless asked. */
export const pageLimitSchema = z.coerce
  .number({ error: 'limit is a number from 1 to 100.' })
  .int('limit is a number from 1 to 100.')
  .min(1, 'limit is a number from 1 to 100.')
  .max(100, 'limit is a number from 1 to 100.')
  .default(20);

/** Items a search (q, label) may read per request before it answers with what it found and a cursor to go on. */
export const SEARCH_READ_BUDGET = 300;

export const STATUSES = ['all', 'open', 'done'] as const;
export type StatusFilter = (typeof STATUSES)[number];

/** How open tasks are ordered; `status=all` is newest first and `done` most recently completed first. */
export const SORTS = ['manual', 'due', 'priority', 'created'] as const;
export type TaskSort = (typeof SORTS)[number];

export const listTasksQuerySchema = z.strictObject({
  status: z.enum(STATUSES, { error: 'status is all, open or done.' }).default('all'),
  q: z.string().trim().max(200, 'Searches are at most 200 characters.').default(''),
  label: z.string().trim().max(100, 'Labels are at most 100 characters.').default(''),
  listId: listIdSchema.optional(),
  sort: z.enum(SORTS, { error: 'sort is manual, due, priority or created.' }).optional(),
  limit: pageLimitSchema,
  cursor: z.string().max(2048, 'That cursor is not valid.').optional(),
});
export type ListTasksQuery = z.infer<typeof listTasksQuerySchema>;

export const taskIdSchema = z.uuid();
