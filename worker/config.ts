import { z } from 'zod';
import { configProblems, withoutEmpty, type RawEnv } from '../lib/config-source';
import { vapidPublicKeySetting } from '../lib/reminders/vapid-keys';

/**
 * The consumers' settings, validated on first use like the app's. The handler's are what its Lambda
 * function is given (AWS_REGION is Lambda's own); the poller's only exist locally, where it stands in
 * for Lambda's event source mapping.
 */
const optionalUrl = z.url().optional();

const handlerEnvSchema = z.object({
  AWS_REGION: z.string().min(1),
  ACTIVITY_TABLE: z.string().min(3).default('activity'),
  /** Where the app records deleted accounts, whose events in flight are dropped. */
  SESSIONS_TABLE: z.string().min(3).default('sessions'),
  AWS_ENDPOINT_URL_DYNAMODB: optionalUrl,
});

const pollerEnvSchema = z.object({
  AWS_REGION: z.string().min(1),
  EVENTS_QUEUE_URL: z.url(),
  AWS_ENDPOINT_URL_SQS: optionalUrl,
  /** Long-poll length; also bounds how long a shutdown waits for the poll in flight. */
  WORKER_WAIT_SECONDS: z.coerce.number().int().min(0).max(20).default(10),
  WORKER_BATCH_SIZE: z.coerce.number().int().min(1).max(10).default(10),
  /** How long a received message stays hidden, so a failed one comes back; unset means the queue's own setting. */
  WORKER_VISIBILITY_SECONDS: z.coerce.number().int().min(1).max(43_200).optional(),
});

/** The reminder consumer's settings (worker/reminder-handler.ts). */
const reminderEnvSchema = z.object({
  AWS_REGION: z.string().min(1),
  REMINDERS_TABLE: z.string().min(3).default('reminders'),
  TODOS_TABLE: z.string().min(3).default('todos'),
  LISTS_TABLE: z.string().min(3).default('lists'),
  AWS_ENDPOINT_URL_DYNAMODB: optionalUrl,
  AWS_ENDPOINT_URL_SESV2: optionalUrl,
  /** Unset: reminders are not emailed (in-app and push only). */
  EMAIL_FROM: z.string().min(3).optional(),
  /** Where the links in reminders point (the app's public origin). */
  APP_URL: z.url(),
  /**
   * The cloud's VAPID key: the ARN of the secret that holds its private key PEM, read once per cold start
   * (the public half is derived from it). Unset, the keys below are used.
   */
  VAPID_PRIVATE_KEY_SECRET_ARN: z.string().regex(/^arn:[\w-]+:secretsmanager:[\w-]+:\d{12}:secret:.+$/, 'must be a Secrets Manager secret ARN').optional(),
  AWS_ENDPOINT_URL_SECRETS_MANAGER: optionalUrl,
  /** Without the secret, Web Push is sent only when both keys are set, raw base64url (locally the launcher makes them under .data/). */
  VAPID_PUBLIC_KEY: vapidPublicKeySetting.optional(),
  VAPID_PRIVATE_KEY: z.string().min(20).optional(),
  VAPID_SUBJECT: z.string().min(3).default('mailto:no-reply@todoer.dev'),
  /** Local only: the poller's clock runs this far ahead, so a reminder can be seen arriving without waiting. */
  REMINDER_CLOCK_OFFSET_MS: z.coerce.number().int().default(0),
  /** Local only: how often the poller runs the handler (the cloud schedule runs it every minute). */
  REMINDER_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
});

export type HandlerEnv = z.infer<typeof handlerEnvSchema>;
export type ReminderEnv = z.infer<typeof reminderEnvSchema>;
export type PollerEnv = z.infer<typeof pollerEnvSchema>;

function parseWith<T extends z.ZodType>(schema: T, what: string, raw: RawEnv): z.infer<T> {
  const source = withoutEmpty(raw);
  const parsed = schema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid ${what} configuration: ${configProblems(parsed.error, source).join('; ')}`);
  return parsed.data;
}

export const parseHandlerEnv = (raw: RawEnv): HandlerEnv => parseWith(handlerEnvSchema, 'consumer', raw);
export const parsePollerEnv = (raw: RawEnv): PollerEnv => parseWith(pollerEnvSchema, 'poller', raw);

export const parseReminderEnv = (raw: RawEnv): ReminderEnv => parseWith(reminderEnvSchema, 'reminder consumer', raw);
