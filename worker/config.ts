import { z } from 'zod';
import { configProblems, withoutEmpty, type RawEnv } from '../lib/config-source';

/** The worker's settings, validated at start like the app's; it needs only the queue and the table. */
const optionalUrl = z.url().optional();

const workerEnvSchema = z.object({
  AWS_REGION: z.string().min(1),
  EVENTS_QUEUE_URL: z.url(),
  ACTIVITY_TABLE: z.string().min(3).default('activity'),
  /** Where the app records deleted accounts, whose events in flight are dropped. */
  SESSIONS_TABLE: z.string().min(3).default('sessions'),
  AWS_ENDPOINT_URL_SQS: optionalUrl,
  AWS_ENDPOINT_URL_DYNAMODB: optionalUrl,
  /** Long-poll length; also bounds how long a shutdown waits for the poll in flight. */
  WORKER_WAIT_SECONDS: z.coerce.number().int().min(0).max(20).default(10),
  WORKER_BATCH_SIZE: z.coerce.number().int().min(1).max(10).default(10),
  /** How long a received message stays hidden; unset means the queue's own setting. */
  WORKER_VISIBILITY_SECONDS: z.coerce.number().int().min(1).max(43_200).optional(),
  /** A failed message comes back after receiveCount × this many seconds (capped), not at once. */
  WORKER_RETRY_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
});

export type WorkerEnv = z.infer<typeof workerEnvSchema>;

export function parseWorkerEnv(raw: RawEnv): WorkerEnv {
  const source = withoutEmpty(raw);
  const parsed = workerEnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid worker configuration: ${configProblems(parsed.error, source).join('; ')}`);
  }
  return parsed.data;
}
