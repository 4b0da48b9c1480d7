import { randomUUID } from 'node:crypto';
import type { Attachment, Task } from '../tasks/schema';
import { TRACKED_FIELDS, type EventData, type EventType, type TaskEvent, type TrackedField } from './schema';

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

/** `task.completed`/`task.reopened` when the done state flipped, else `task.updated`; null when nothing changed. */
export function taskChanged(actor: Actor, before: Task, after: Task): TaskEvent | null {
  const changes: Partial<Record<TrackedField, { from: string | boolean | null; to: string | boolean | null }>> = {};
  for (const field of TRACKED_FIELDS) {
    if (before[field] !== after[field]) changes[field] = { from: before[field], to: after[field] };
  }
  if (Object.keys(changes).length === 0) return null;
  const type = changes.completed ? (after.completed ? 'task.completed' : 'task.reopened') : 'task.updated';
  return event(type, actor, after, { changes });
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
