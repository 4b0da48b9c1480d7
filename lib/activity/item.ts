import { ACTIVITY_INDEX } from '../data/tables';
import type { EventData, EventType, TaskEvent } from '../events/schema';

/**
 * How an event is stored as activity, shared by the worker (writes) and the app (reads). One item per
 * event: (user_id = the actor, sk = at#eventId), so a redelivered event lands on the same key and is
 * stored once; task_key (the task id) feeds TaskActivityIndex for one task's history and list_id
 * feeds ListActivityIndex for one list's, which every member of the list reads.
 */

export const TASK_ACTIVITY_INDEX = ACTIVITY_INDEX.task;
export const LIST_ACTIVITY_INDEX = ACTIVITY_INDEX.list;
/** Activity is history, not data the person manages: DynamoDB's TTL removes it after a year. */
export const ACTIVITY_RETENTION_SECONDS = 365 * 24 * 60 * 60;

export type ActivityItem = {
  readonly user_id: string;
  readonly sk: string;
  readonly task_key: string;
  readonly list_id?: string;
  readonly actor_name?: string;
  readonly event_id: string;
  readonly type: EventType;
  readonly task_id: string;
  readonly version: number;
  readonly at: string;
  readonly data: EventData;
  readonly expires_at: number;
};

/** What the API returns for one entry. */
export type Activity = {
  readonly id: string;
  readonly type: EventType;
  readonly taskId: string;
  readonly listId: string | null;
  /** Who made the change ("Sam completed …"). */
  readonly actor: { readonly id: string; readonly name: string | null };
  readonly version: number;
  readonly at: string;
  readonly title: string;
  readonly changes: NonNullable<EventData['changes']> | null;
  readonly attachment: NonNullable<EventData['attachment']> | null;
  /** For a recurring task's task.completed: the due date of the occurrence completed. */
  readonly occurrence: string | null;
};

export const sortKey = (at: string, eventId: string) => `${at}#${eventId}`;
export const taskKey = (taskId: string) => taskId;

export function activityItem(event: TaskEvent): ActivityItem {
  return {
    user_id: event.userId,
    sk: sortKey(event.at, event.id),
    task_key: taskKey(event.taskId),
    ...(event.listId ? { list_id: event.listId } : {}),
    ...(event.actorName ? { actor_name: event.actorName } : {}),
    event_id: event.id,
    type: event.type,
    task_id: event.taskId,
    version: event.version,
    at: event.at,
    data: event.data,
    expires_at: Math.floor(Date.parse(event.at) / 1000) + ACTIVITY_RETENTION_SECONDS,
  };
}

export function toActivity(item: Record<string, unknown>): Activity {
  const row = item as ActivityItem;
  return {
    id: row.event_id,
    type: row.type,
    taskId: row.task_id,
    listId: row.list_id ?? null,
    actor: { id: row.user_id, name: row.actor_name ?? null },
    version: row.version,
    at: row.at,
    title: row.data.title,
    changes: row.data.changes ?? null,
    attachment: row.data.attachment ?? null,
    occurrence: row.data.occurrence ?? null,
  };
}
