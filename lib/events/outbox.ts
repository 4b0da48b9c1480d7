import 'server-only';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, ScanCommand, UpdateCommand, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '../aws/dynamodb';
import { env } from '../env';
import { taskEventSchema, type TaskEvent } from './schema';

/**
 * The legacy outbox: events the topic did not take at once, one item per event, written by processes
 * from before events waited on their task's item; now only drained (lib/events/drain.ts). Items carry
 * a lease so that several app processes draining the table rarely publish one event twice (and when
 * they do, the worker stores it once).
 */

type OutboxItem = {
  event_id: string;
  event: string;
  attempts: number;
  /** Epoch ms before which the event is not retried (backoff). */
  next_attempt_at: number;
  /** Epoch ms until which one drain owns the item. */
  lease_until: number;
  last_error: string;
  created_at: string;
};

export type OutboxEntry = { readonly event: TaskEvent; readonly attempts: number };

const table = () => env().OUTBOX_TABLE;

/** Up to `limit` events whose backoff has passed and that no drain holds. */
export async function dueEntries(now: number, limit: number): Promise<OutboxEntry[]> {
  const entries: OutboxEntry[] = [];
  let startKey: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page = await dynamodb().send(
      new ScanCommand({
        TableName: table(),
        FilterExpression: 'next_attempt_at <= :now AND lease_until <= :now',
        ExpressionAttributeValues: { ':now': now },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const raw of page.Items ?? []) {
      const item = raw as OutboxItem;
      const parsed = taskEventSchema.safeParse(JSON.parse(item.event));
      if (parsed.success) entries.push({ event: parsed.data, attempts: item.attempts });
      if (entries.length === limit) return entries;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return entries;
}

/** Takes the item for `leaseMs`; false when another drain took it first. */
export async function claim(eventId: string, now: number, leaseMs: number): Promise<boolean> {
  try {
    await dynamodb().send(
      new UpdateCommand({
        TableName: table(),
        Key: { event_id: eventId },
        UpdateExpression: 'SET lease_until = :lease',
        ConditionExpression: 'attribute_exists(event_id) AND lease_until <= :now',
        ExpressionAttributeValues: { ':lease': now + leaseMs, ':now': now },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Records a failed attempt and when to try again. */
export async function release(eventId: string, attempts: number, nextAttemptAt: number, error: string): Promise<void> {
  await dynamodb().send(
    new UpdateCommand({
      TableName: table(),
      Key: { event_id: eventId },
      UpdateExpression: 'SET attempts = :attempts, next_attempt_at = :next, lease_until = :zero, last_error = :error',
      ConditionExpression: 'attribute_exists(event_id)',
      ExpressionAttributeValues: { ':attempts': attempts, ':next': nextAttemptAt, ':zero': 0, ':error': error },
    }),
  );
}

export async function remove(eventId: string): Promise<void> {
  await dynamodb().send(new DeleteCommand({ TableName: table(), Key: { event_id: eventId } }));
}
