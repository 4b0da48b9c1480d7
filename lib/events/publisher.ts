import 'server-only';
import { PublishCommand } from '@aws-sdk/client-sns';
import { sns } from '../aws/sns';
import { env } from '../env';
import { announceTaskWrite } from '../live/announce';
import type { PendingOnItem } from './pending';
import { clearPublished } from './pending-store';
import type { TaskEvent } from './schema';

/**
 * Publishing never fails the request: the events already wait on the task's item (written with the
 * change), so one the topic does not take stays there for the sweeper (lib/events/sweeper.ts).
 */

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 60_000;

/** Exponential backoff with jitter, so a recovering topic is not hit by every process at once. */
export function retryDelayMs(attempts: number): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
  return Math.round(base * (0.8 + Math.random() * 0.2));
}

export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'Error';
}

/** One Publish; the type goes into a message attribute so subscribers can filter without parsing. */
export async function publishToTopic(event: TaskEvent): Promise<void> {
  await sns().send(
    new PublishCommand({
      TopicArn: env().EVENTS_TOPIC_ARN,
      Message: JSON.stringify(event),
      MessageAttributes: { type: { DataType: 'String', StringValue: event.type } },
    }),
  );
}

export type PublishResult = { readonly published: number; readonly failed: number };

/**
 * Publishes what waits on the item, in order, stopping at the first the topic does not take (so none
 * overtakes it), then clears the published ones from the item. Never throws: what is not cleared is
 * published again later, which the worker absorbs (it stores each event once, by id).
 */
export async function publishPending(onItem: PendingOnItem): Promise<PublishResult> {
  // Open streams hear of the write first: a notice takes a millisecond, the topic may be slow.
  await announceTaskWrite(onItem);
  const published: string[] = [];
  for (const event of onItem.events) {
    try {
      await publishToTopic(event);
      published.push(event.id);
    } catch (error) {
      console.warn(JSON.stringify({ level: 'warn', event: 'event-deferred', eventId: event.id, type: event.type, error: errorName(error) }));
      break;
    }
  }
  try {
    if (published.length > 0) await clearPublished(onItem, published);
  } catch (error) {
    console.warn(JSON.stringify({ level: 'warn', event: 'pending-clear-failed', taskId: onItem.key.todo_id, error: errorName(error) }));
  }
  return { published: published.length, failed: onItem.events.length - published.length };
}
