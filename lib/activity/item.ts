import type { EventData, EventType, TaskEvent } from '../events/schema';

/**
 * How an event is stored as activity, shared by the worker (writes) and the app (reads). One item per
 * event: (user_id, sk = at#eventId), so a redelivered event lands on the same key and is stored once;
 * task_key feeds TaskActivityIndex for one task's history.
 */

export const TASK_ACTIVITY_INDEX = 'TaskActivityIndex';
/** Activity is history, not data the person manages: DynamoDB's TTL removes it after a year. */
export const ACTIVITY_RETENTION_SECONDS = 365 * 24 * 60 * 60;

export type ActivityItem = {
  readonly user_id: string;
  readonly sk: string;
  readonly task_key: string;
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
  readonly version: number;
  readonly at: string;
  readonly title: string;
  readonly changes: NonNullable<EventData['changes']> | null;
  readonly attachment: NonNullable<EventData['attachment']> | null;
};

export const sortKey = (at: string, eventId: string) => `${at}#${eventId}`;
export const taskKey = (userId: string, taskId: string) => `${userId}#${taskId}`;

export function activityItem(event: TaskEvent): ActivityItem {
  return {
    user_id: event.userId,
    sk: sortKey(event.at, event.id),
    task_key: taskKey(event.userId, event.taskId),
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
    version: row.version,
    at: row.at,
    title: row.data.title,
    changes: row.data.changes ?? null,
    attachment: row.data.attachment ?? null,
  };
}
