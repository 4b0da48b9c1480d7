import type { Attachment, Subtask, Task } from '@/lib/tasks/schema';
import type { Recurrence } from '@/lib/recurrence/rules';
import type { ParsedPart, QuickAdd, RecurrencePart } from '@/lib/tasks/quick-add-parts';
import { hasStrings, isArrayOf, isRecord } from './response-guards';

/** The shapes of the task API's answers (SPEC §2, §6.2), checked field by field where the UI reads them. */

export type TaskPage = { readonly items: readonly Task[]; readonly nextCursor: string | null };
export type TagCount = { readonly name: string; readonly open: number; readonly total: number };
export type PresignedUpload = { readonly url: string; readonly fields: Readonly<Record<string, string>>; readonly expiresAt: string };
export type StartedUpload = { readonly attachment: Attachment; readonly upload: PresignedUpload };

const nullableString = (value: unknown) => value === null || typeof value === 'string';

/** `{rule, from}` or null; the rule's text is the server's to check, the UI only shows it. */
function isRecurrenceOrNull(value: unknown): value is Recurrence | null {
  return value === null || (isRecord(value) && typeof value.rule === 'string' && (value.from === 'due' || value.from === 'completion'));
}

export function isAttachment(value: unknown): value is Attachment {
  return (
    isRecord(value) &&
    hasStrings(value, ['id', 'fileName', 'contentType', 'status', 'labelling', 'createdAt']) &&
    typeof value.size === 'number' &&
    isArrayOf(value.labels, (label): label is Attachment['labels'][number] => isRecord(label) && typeof label.name === 'string' && typeof label.confidence === 'number')
  );
}

function isSubtask(value: unknown): value is Subtask {
  return isRecord(value) && hasStrings(value, ['id', 'title']) && typeof value.completed === 'boolean';
}

export function isTask(value: unknown): value is Task {
  return (
    isRecord(value) &&
    hasStrings(value, ['id', 'listId', 'title', 'priority', 'position', 'createdAt', 'updatedAt']) &&
    typeof value.completed === 'boolean' &&
    typeof value.version === 'number' &&
    nullableString(value.description) &&
    nullableString(value.dueDate) &&
    nullableString(value.dueTime) &&
    nullableString(value.completedAt) &&
    isArrayOf(value.tags, (tag): tag is string => typeof tag === 'string') &&
    isArrayOf(value.subtasks, isSubtask) &&
    isArrayOf(value.attachments, isAttachment) &&
    isRecurrenceOrNull(value.recurrence)
  );
}

export function isTaskPage(value: unknown): value is TaskPage {
  return isRecord(value) && isArrayOf(value.items, isTask) && nullableString(value.nextCursor);
}

export function isTagCount(value: unknown): value is TagCount {
  return isRecord(value) && typeof value.name === 'string' && typeof value.open === 'number' && typeof value.total === 'number';
}

export function isStartedUpload(value: unknown): value is StartedUpload {
  if (!isRecord(value) || !isAttachment(value.attachment) || !isRecord(value.upload)) return false;
  const { upload } = value;
  return hasStrings(upload, ['url', 'expiresAt']) && isRecord(upload.fields) && Object.values(upload.fields).every((field) => typeof field === 'string');
}

/** What quick add understood (POST /api/tasks/parse), the repeating words' span always present. */
export type ParsedTaskText = QuickAdd & { readonly recurrencePart: RecurrencePart | null };

function isParsedPart(value: unknown): value is ParsedPart {
  return isRecord(value) && hasStrings(value, ['type', 'text']) && typeof value.start === 'number' && typeof value.end === 'number';
}

function isRecurrencePart(value: unknown): value is RecurrencePart {
  return isRecord(value) && value.type === 'recurrence' && typeof value.text === 'string' && typeof value.start === 'number' && typeof value.end === 'number';
}

export function isParsedTaskText(value: unknown): value is ParsedTaskText {
  return (
    isRecord(value) &&
    typeof value.title === 'string' &&
    nullableString(value.dueDate) &&
    nullableString(value.dueTime) &&
    nullableString(value.priority) &&
    nullableString(value.listId) &&
    nullableString(value.newListName) &&
    isArrayOf(value.tags, (tag): tag is string => typeof tag === 'string') &&
    isArrayOf(value.parts, isParsedPart) &&
    isRecurrenceOrNull(value.recurrence) &&
    (value.recurrencePart === null || isRecurrencePart(value.recurrencePart))
  );
}
