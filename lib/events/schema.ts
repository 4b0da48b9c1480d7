import { z } from 'zod';
import { FILE_NAME_MAX } from '../attachments/schema';
import { RECURRENCE_FROM, RULE_MAX_LENGTH } from '../recurrence/rules';
import { calendarDateSchema, TITLE_MAX } from '../tasks/schema';

/**
 * The task event contract (SPEC §5): what the app publishes to the topic and the worker stores as
 * activity. Shared by both processes, so it imports nothing server-only.
 */

export const EVENT_TYPES = [
  'task.created',
  'task.updated',
  'task.completed',
  'task.reopened',
  'task.deleted',
  'attachment.ready',
  'attachment.deleted',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The task fields whose changes an update event reports. */
export const TRACKED_FIELDS = ['title', 'description', 'dueDate', 'priority', 'completed', 'listId', 'recurrence'] as const;
export type TrackedField = (typeof TRACKED_FIELDS)[number];

const recurrenceValue = z.strictObject({ rule: z.string().max(RULE_MAX_LENGTH), from: z.enum(RECURRENCE_FROM) });
const fieldValue = z.union([z.string(), z.boolean(), z.null(), recurrenceValue]);
export type FieldValue = z.infer<typeof fieldValue>;
const changeSchema = z.strictObject({ from: fieldValue, to: fieldValue });

export const eventDataSchema = z.strictObject({
  /** The task's title when the event happened, so the log reads well after renames and deletes. */
  title: z.string().max(TITLE_MAX),
  changes: z.partialRecord(z.enum(TRACKED_FIELDS), changeSchema).optional(),
  /** task.completed of a recurring task: the due date of the occurrence completed (the task itself moved on). */
  occurrence: calendarDateSchema.optional(),
  attachment: z
    .strictObject({
      id: z.uuid(),
      fileName: z.string().max(FILE_NAME_MAX),
      labels: z.array(z.string().max(100)).max(50).optional(),
    })
    .optional(),
});
export type EventData = z.infer<typeof eventDataSchema>;

export const taskEventSchema = z.strictObject({
  id: z.uuid(),
  type: z.enum(EVENT_TYPES),
  /** Who made the change. */
  userId: z.string().min(1).max(128),
  /** Their name (or email) as the list's members see it; absent in events from before lists. */
  actorName: z.string().max(254).optional(),
  /** The task's list after the change; absent in events from before lists. */
  listId: z.uuid().optional(),
  taskId: z.uuid(),
  /** The task's version after the change (for task.deleted: the version that was deleted). */
  version: z.number().int().positive(),
  at: z.iso.datetime(),
  data: eventDataSchema,
});
export type TaskEvent = z.infer<typeof taskEventSchema>;
