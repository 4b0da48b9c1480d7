import { taskEventSchema, type TaskEvent } from '../lib/events/schema';

/** A message that can never be processed; it is left for the queue to move to the dead-letter queue. */
export class PoisonMessageError extends Error {
  override readonly name = 'PoisonMessageError';
}

/**
 * The event inside a queue message. The subscription uses raw delivery, so the body is the event
 * itself; an SNS envelope (raw delivery switched off) is unwrapped rather than rejected.
 */
export function eventFromBody(body: string | undefined): TaskEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? '');
  } catch {
    throw new PoisonMessageError('The message body is not JSON.');
  }
  if (isEnvelope(parsed)) return eventFromBody(parsed.Message);
  const event = taskEventSchema.safeParse(parsed);
  if (!event.success) throw new PoisonMessageError(`The message is not a task event: ${event.error.issues[0]?.message ?? 'invalid'}`);
  return event.data;
}

function isEnvelope(value: unknown): value is { Type: 'Notification'; Message: string } {
  return (
    typeof value === 'object' && value !== null && 'Type' in value && value.Type === 'Notification' &&
    'Message' in value && typeof value.Message === 'string'
  );
}
