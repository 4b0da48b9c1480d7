import { z } from 'zod';
import { orderKeySchema } from '../order-key';
import { recurrenceSchema } from '../recurrence/schema';
import type { Recurrence } from '../recurrence/rules';
import { FORBIDDEN_IN_LINE, FORBIDDEN_IN_TEXT, isCleanLine, isCleanText } from '../text-rules';
import { DESCRIPTION_MAX, isCalendarDate, normalizeTag, PRIORITIES, SUBTASK_TITLE_MAX, SUBTASKS_MAX, SORTS, TAG_MAX, tagsProblem, TIME_PATTERN, TITLE_MAX, type Priority } from './rules';

export { DESCRIPTION_MAX, PRIORITIES, SORTS, TITLE_MAX, type Priority, type TaskSort } from './rules';

/** The Task contract of SPEC §2 and the validation of every task input. */


export type Label = { readonly name: string; readonly confidence: number };
export type Attachment = {
  readonly id: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  readonly status: 'pending' | 'ready' | 'failed';
  readonly labels: readonly Label[];
  /** Whether labelling ran: 'failed' means the labels are missing, not that there are none. */
  readonly labelling: 'pending' | 'done' | 'failed';
  readonly createdAt: string;
};

export type Subtask = { readonly id: string; readonly title: string; readonly completed: boolean };

export type Task = {
  readonly id: string;
  /** The list it belongs to (SPEC §6.1); its members may see it. */
  readonly listId: string;
  readonly title: string;
  readonly description: string | null;
  readonly completed: boolean;
  readonly priority: Priority;
  readonly dueDate: string | null;
  /** HH:MM in the person's time zone; only with a dueDate. */
  readonly dueTime: string | null;
  readonly tags: readonly string[];
  readonly subtasks: readonly Subtask[];
  /** Manual order inside its list: a fractional index, compared as a plain string. */
  readonly position: string;
  /** Repeats by an RRULE (SPEC §6.2): one item whose dueDate moves on each completion; null for a plain task. */
  readonly recurrence: Recurrence | null;
  readonly completedAt: string | null;
  /** The user id of who created it (the item's partition). */
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
  readonly attachments: readonly Attachment[];
};


const titleSchema = z
  .string({ error: 'Enter a title.' })
  .trim()
  .min(1, 'Enter a title.')
  .max(TITLE_MAX, `Titles are at most ${TITLE_MAX} characters.`)
  .refine(isCleanLine, FORBIDDEN_IN_LINE);

const descriptionSchema = z
  .string({ error: 'The description must be text.' })
  .trim()
  .max(DESCRIPTION_MAX, `Descriptions are at most ${DESCRIPTION_MAX} characters.`)
  .refine(isCleanText, FORBIDDEN_IN_TEXT)
  .transform((text) => (text.length === 0 ? null : text));

/** A real calendar date: 2026-02-30 is rejected, not rolled over. */
export const calendarDateSchema = z
  .string({ error: 'Use a date like 2026-12-31.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-12-31.')
  .refine(isCalendarDate, 'That date does not exist.');

const prioritySchema = z.enum(PRIORITIES, { error: 'Priority is low, medium or high.' });

const dueTimeSchema = z.string({ error: 'Use a time like 17:30.' }).regex(TIME_PATTERN, 'Use a time like 17:30.');

const tagsSchema = z
  .array(z.string({ error: 'Tags are text.' }).transform(normalizeTag), { error: 'tags is a list of tags.' })
  .superRefine((tags, context) => {
    const problem = tagsProblem(tags);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

const subtaskSchema = z.strictObject({
  id: z.uuid({ error: 'A subtask id is a UUID.' }).optional(),
  title: z
    .string({ error: 'Enter a subtask.' })
    .trim()
    .min(1, 'Enter a subtask.')
    .max(SUBTASK_TITLE_MAX, `Subtasks are at most ${SUBTASK_TITLE_MAX} characters.`)
    .refine(isCleanLine, FORBIDDEN_IN_LINE),
  completed: z.boolean({ error: 'completed is true or false.' }).default(false),
});

/** Subtasks in their order; new ones (no id) get one from the server. */
const subtasksSchema = z
  .array(subtaskSchema, { error: 'subtasks is a list.' })
  .max(SUBTASKS_MAX, `A task has at most ${SUBTASKS_MAX} subtasks.`)
  .refine((items) => new Set(items.flatMap((item) => (item.id ? [item.id] : []))).size === items.filter((item) => item.id).length, 'Each subtask appears once.');
export type SubtaskInput = z.infer<typeof subtaskSchema>;


const needsDueDate = { message: 'A due time needs a due date.', path: ['dueTime'] };
/** Also checked against the stored task on PATCH (lib/tasks/service.ts), where the date may be the stored one. */
export const RECURRENCE_NEEDS_DUE_DATE = 'A recurrence needs a due date.';

export const listIdSchema = z.uuid({ error: 'listId is the id of one of your lists.' });

export const createTaskSchema = z
  .strictObject({
    title: titleSchema,
    listId: listIdSchema.optional(),
    description: descriptionSchema.nullish().transform((value) => value ?? null),
    dueDate: calendarDateSchema.nullish().transform((value) => value ?? null),
    dueTime: dueTimeSchema.nullish().transform((value) => value ?? null),
    priority: prioritySchema.default('medium'),
    tags: tagsSchema.default([]),
    subtasks: subtasksSchema.default([]),
    recurrence: recurrenceSchema.optional().transform((value) => value ?? null),
  })
  .refine((task) => task.dueTime === null || task.dueDate !== null, needsDueDate)
  .refine((task) => task.recurrence === null || task.dueDate !== null, { message: RECURRENCE_NEEDS_DUE_DATE, path: ['recurrence'] });
export type CreateTaskInput = z.infer<typeof createTaskSchema>;

export const updateTaskSchema = z
  .strictObject({
    title: titleSchema.optional(),
    description: descriptionSchema.nullable().optional(),
    dueDate: calendarDateSchema.nullable().optional(),
    priority: prioritySchema.optional(),
    completed: z.boolean({ error: 'completed is true or false.' }).optional(),
    listId: listIdSchema.optional(),
    dueTime: dueTimeSchema.nullable().optional(),
    tags: tagsSchema.optional(),
    subtasks: subtasksSchema.optional(),
    /** A new place in the manual order (a key between its new neighbours'). */
    position: orderKeySchema.optional(),
    /** A new rule, or null to end the series (a plain task from then on). */
    recurrence: recurrenceSchema.optional(),
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

/** Date views: Today (overdue and due today), Upcoming (the next 7 days), Overdue; all open, by due date. */
export const VIEWS = ['all', 'today', 'upcoming', 'overdue'] as const;
export type TaskView = (typeof VIEWS)[number];
export const UPCOMING_DAYS = 7;


export const listTasksQuerySchema = z.strictObject({
  status: z.enum(STATUSES, { error: 'status is all, open or done.' }).default('all'),
  q: z.string().trim().max(200, 'Searches are at most 200 characters.').default(''),
  label: z.string().trim().max(100, 'Labels are at most 100 characters.').default(''),
  listId: listIdSchema.optional(),
  view: z.enum(VIEWS, { error: 'view is all, today, upcoming or overdue.' }).default('all'),
  tag: z.string().trim().max(100, 'Tags are at most 100 characters.').default(''),
  sort: z.enum(SORTS, { error: 'sort is manual, due, priority or created.' }).optional(),
  limit: pageLimitSchema,
  cursor: z.string().max(2048, 'That cursor is not valid.').optional(),
});
export type ListTasksQuery = z.infer<typeof listTasksQuerySchema>;

export const taskIdSchema = z.uuid();

/** A tag named in a path or a rename: trimmed, 1 to TAG_MAX characters. */
export const tagNameSchema = z.string({ error: 'Name a tag.' }).transform(normalizeTag).pipe(z.string().min(1, 'Name a tag.').max(TAG_MAX, `Tags are at most ${TAG_MAX} characters.`));
export const renameTagSchema = z.strictObject({ from: tagNameSchema, to: tagNameSchema });

/** POST /api/tasks/parse: one line of quick add. */
export const QUICK_ADD_MAX = 500;
export const parseTaskTextSchema = z.strictObject({
  text: z.string({ error: 'Send the text to read.' }).max(QUICK_ADD_MAX, `Quick add reads at most ${QUICK_ADD_MAX} characters.`),
});
