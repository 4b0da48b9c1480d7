import 'server-only';
import { PublishCommand } from '@aws-sdk/client-sns';
import { sns } from '../aws/sns';
import { env } from '../env';
import { saveToOutbox } from './outbox';
import type { TaskEvent } from './schema';

/** Publishing never fails the request: an event the topic does not take at once goes to the outbox. */

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

export async function publishEvent(event: TaskEvent): Promise<void> {
  try {
    await publishToTopic(event);
  } catch (error) {
    const reason = errorName(error);
    try {
      await saveToOutbox(event, reason, Date.now() + retryDelayMs(1));
      console.warn(JSON.stringify({ level: 'warn', event: 'event-deferred', eventId: event.id, type: event.type, error: reason }));
    } catch (outboxError) {
      // Both the topic and the table are down: the log line is the last copy of the event.
      console.error(
        JSON.stringify({ level: 'error', event: 'event-lost', error: reason, outboxError: errorName(outboxError), payload: event }),
      );
    }
  }
}

/** Publishes the events that exist, in order. */
export async function publishEvents(...events: (TaskEvent | null)[]): Promise<void> {
  for (const event of events) if (event) await publishEvent(event);
}
