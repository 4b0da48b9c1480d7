import { randomUUID } from 'node:crypto';
import type { Attachment, Task } from '../tasks/schema';
import { TRACKED_FIELDS, type EventData, type EventType, type FieldValue, type TaskEvent, type TrackedField } from './schema';

/** Turns task changes into events: one per change, stamped with the task's new version. */

/** Who made a change: their id, and the name (or email) the activity log shows to the list's members. */
export type Actor = { readonly id: string; readonly name: string };

function event(type: EventType, actor: Actor, task: Task, data: Omit<EventData, 'title'> = {}): TaskEvent {
  return {
    id: randomUUID(),
    type,
    userId: actor.id,
    actorName: actor.name,
    listId: task.listId,
    taskId: task.id,
    version: task.version,
    at: new Date().toISOString(),
    data: { title: task.title, ...data },
  };
}

export function taskCreated(actor: Actor, task: Task): TaskEvent {
  return event('task.created', actor, task);
}

type Changes = Partial<Record<TrackedField, { from: FieldValue; to: FieldValue }>>;

/** Field values compare by content: a recurrence is an object, equal when its rule and `from` are. */
function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  return a.rule === b.rule && a.from === b.from;
}

function changesBetween(before: Task, after: Task): Changes {
  const changes: Changes = {};
  for (const field of TRACKED_FIELDS) {
    if (!sameValue(before[field], after[field])) changes[field] = { from: before[field], to: after[field] };
  }
  return changes;
}

/** `task.completed`/`task.reopened` when the done state flipped, else `task.updated`; null when nothing changed. */
export function taskChanged(actor: Actor, before: Task, after: Task): TaskEvent | null {
  const changes = changesBetween(before, after);
  if (Object.keys(changes).length === 0) return null;
  const type = changes.completed ? (after.completed ? 'task.completed' : 'task.reopened') : 'task.updated';
  return event(type, actor, after, { changes });
}

/**
 * One occurrence of a recurring task completed: the task stays open and moved on (its due date, and
 * a COUNT, in `changes`), so this one event is both the completion and the update, logged once.
 */
export function occurrenceCompleted(actor: Actor, before: Task, after: Task, occurrence: string): TaskEvent {
  return event('task.completed', actor, after, { changes: changesBetween(before, after), occurrence });
}

export function taskDeleted(actor: Actor, task: Task): TaskEvent {
  return event('task.deleted', actor, task);
}

export function attachmentReady(actor: Actor, task: Task, attachment: Attachment): TaskEvent {
  return event('attachment.ready', actor, task, {
    attachment: { id: attachment.id, fileName: attachment.fileName, labels: attachment.labels.map((label) => label.name) },
  });
}

export function attachmentDeleted(actor: Actor, task: Task, attachment: Attachment): TaskEvent {
  return event('attachment.deleted', actor, task, { attachment: { id: attachment.id, fileName: attachment.fileName } });
}
