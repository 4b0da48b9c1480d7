import { randomUUID } from 'node:crypto';
import type { Attachment, Task } from '../tasks/schema';
import { TRACKED_FIELDS, type EventData, type EventType, type TaskEvent, type TrackedField } from './schema';

/** Turns task changes into events: one per change, stamped with the task's new version. */

function event(type: EventType, userId: string, task: Task, data: Omit<EventData, 'title'> = {}): TaskEvent {
  return {
    id: randomUUID(),
    type,
    userId,
    taskId: task.id,
    version: task.version,
    at: new Date().toISOString(),
    data: { title: task.title, ...data },
  };
}

export function taskCreated(userId: string, task: Task): TaskEvent {
  return event('task.created', userId, task);
}

/** `task.completed`/`task.reopened` when the done state flipped, else `task.updated`; null when nothing changed. */
export function taskChanged(userId: string, before: Task, after: Task): TaskEvent | null {
  const changes: Partial<Record<TrackedField, { from: string | boolean | null; to: string | boolean | null }>> = {};
  for (const field of TRACKED_FIELDS) {
    if (before[field] !== after[field]) changes[field] = { from: before[field], to: after[field] };
  }
  if (Object.keys(changes).length === 0) return null;
  const type = changes.completed ? (after.completed ? 'task.completed' : 'task.reopened') : 'task.updated';
  return event(type, userId, after, { changes });
}

export function taskDeleted(userId: string, task: Task): TaskEvent {
  return event('task.deleted', userId, task);
}

export function attachmentReady(userId: string, task: Task, attachment: Attachment): TaskEvent {
  return event('attachment.ready', userId, task, {
    attachment: { id: attachment.id, fileName: attachment.fileName, labels: attachment.labels.map((label) => label.name) },
  });
}

export function attachmentDeleted(userId: string, task: Task, attachment: Attachment): TaskEvent {
  return event('attachment.deleted', userId, task, { attachment: { id: attachment.id, fileName: attachment.fileName } });
}
