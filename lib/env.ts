import 'server-only';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { configProblems, withoutEmpty, type RawEnv } from './config-source';
import { HEARTBEAT_DEFAULT_MS } from './live/timing';
import { vapidPublicKeySetting } from './reminders/vapid-keys';

/** Every setting the server reads, validated once. Local mode fills what the launcher does not pass. */
const modeSchema = z.enum(['local', 'cloud']).default('cloud');

const optionalUrl = z.url().optional();
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
/** `no-reply@example.com` or `Todoer <no-reply@example.com>`. */
const mailbox = z.string().refine((value) => {
  const match = /^\s*(?:[^<>]*<([^<>\s]+)>|([^<>\s]+))\s*$/.exec(value);
  return z.email().safeParse(match?.[1] ?? match?.[2]).success;
}, 'must be an email address, optionally with a name: Todoer <no-reply@example.com>');

const envSchema = z.object({
  APP_MODE: modeSchema,
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  AWS_REGION: z.string().min(1),
  APP_ORIGIN: z.url(),
  COGNITO_USER_POOL_ID: z.string().regex(/^[\w-]+_[0-9a-zA-Z]+$/, 'must look like region_id'),
  COGNITO_CLIENT_ID: z.string().min(1),
  COGNITO_ISSUER: optionalUrl,
  TODOS_TABLE: z.string().min(3).default('todos'),
  ATTACHMENTS_BUCKET: z.string().min(3),
  /** Task events go to this SNS topic; what cannot be published at once waits on its task's item (lib/events/pending.ts). */
  EVENTS_TOPIC_ARN: z.string().regex(/^arn:[\w-]+:sns:[\w-]+:\d{12}:[\w-]+$/, 'must be an SNS topic ARN'),
  ACTIVITY_TABLE: z.string().min(3).default('activity'),
  /** Legacy: only drained, written by processes from before events waited on items. */
  OUTBOX_TABLE: z.string().min(3).default('outbox'),
  /** How often each server process sweeps for unpublished events. */
  EVENT_DRAIN_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  /** How long events may wait on an item before the sweeper publishes them (their writer normally does it at once). */
  EVENT_SWEEP_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: optionalUrl,
  AWS_ENDPOINT_URL_DYNAMODB: optionalUrl,
  AWS_ENDPOINT_URL_S3: optionalUrl,
  AWS_ENDPOINT_URL_REKOGNITION: optionalUrl,
  AWS_ENDPOINT_URL_SNS: optionalUrl,
  AWS_ENDPOINT_URL_SESV2: optionalUrl,
  /** The sender of every email (SES v2). Optional: without it only sending fails, with a 503 "email". */
  EMAIL_FROM: mailbox.optional(),
  /** Images are served through CloudFront signed URLs when all three are set, else S3 presigned GETs. */
  CLOUDFRONT_URL: optionalUrl,
  CLOUDFRONT_KEY_PAIR_ID: z.string().min(1).optional(),
  CLOUDFRONT_PRIVATE_KEY: z.string().min(1).optional(),
  /** How often each server process deletes staging objects older than STAGING_MAX_AGE_MS (lib/attachments/sweeper.ts). */
  STAGING_SWEEP_INTERVAL_MS: z.coerce.number().int().min(1000).max(86_400_000).default(600_000),
  // At least twice the five-minute upload link, so an upload is never swept before its complete could come.
  STAGING_MAX_AGE_MS: z.coerce.number().int().min(600_000).max(86_400_000).default(3_600_000),
  /** Failed sign-ins of one email from one address before that pair waits SIGN_IN_LOCKOUT_SECONDS. */
  SIGN_IN_MAX_FAILURES_PER_EMAIL: positiveInt(5),
  /** Failed sign-ins of one email from anywhere in an hour (spread guessing). */
  SIGN_IN_MAX_FAILURES_PER_ACCOUNT: positiveInt(20),
  SIGN_IN_MAX_FAILURES_PER_IP: positiveInt(50),
  /** Sign-up, resend-code, forgot-password, confirm and reset requests per email and per address, an hour. */
  AUTH_REQUESTS_PER_EMAIL_PER_HOUR: positiveInt(10),
  AUTH_REQUESTS_PER_IP_PER_HOUR: positiveInt(100),
  /** The counters' table and key prefix (a test's processes count apart from the rest). */
  RATE_LIMITS_TABLE: z.string().min(3).default('rate-limits'),
  RATE_LIMIT_PREFIX: z.string().min(1).max(40).default('todoer'),
  SIGN_IN_LOCKOUT_SECONDS: positiveInt(900),
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  CURSOR_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /** How far behind "now" a sync token's point is taken, so late writers are read again (docs/data-model.md, "Sync"). */
  SYNC_LAG_MS: positiveInt(5000),
  /** Adds `x-items-read` (DynamoDB items read for the request) to API answers: tests and the benchmark. */
  REPORT_ITEMS_READ: z.stringbool().default(false),
  /** Enables GET /api/bench/floor, the framework floor `npm run bench` measures; off (404) everywhere else. */
  BENCH_FLOOR: z.stringbool().default(false),
  /** The lists table: lists, their memberships and invitations. */
  LISTS_TABLE: z.string().min(3).default('lists'),
  /** Reminders, in-app notifications and Web Push subscriptions (docs/data-model.md, "Reminders"). */
  REMINDERS_TABLE: z.string().min(3).default('reminders'),
  /**
   * The VAPID public key browsers subscribe to Web Push with (the reminder consumer holds the private half):
   * a PEM (the cloud's, from the infra) or raw base64url (local), read as raw base64url.
   */
  VAPID_PUBLIC_KEY: vapidPublicKeySetting.optional(),
  /** Ended sessions: what makes a signed-out access token fail on every process. */
  SESSIONS_TABLE: z.string().min(3).default('sessions'),
  /** Live updates across processes through a Redis protocol server (rediss:// for TLS); unset: in this process only. */
  LIVE_PUBSUB_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** A comment on every open stream this often, well below the proxies' idle timeouts (CloudFront 60 s, ALB 120 s). */
  LIVE_HEARTBEAT_MS: z.coerce.number().int().min(100).max(55_000).default(HEARTBEAT_DEFAULT_MS),
  LIVE_MAX_STREAMS_PER_USER: positiveInt(10),
  LIVE_MAX_STREAMS_PER_PROCESS: positiveInt(2000),
});

export type Env = z.infer<typeof envSchema> & {
  readonly cognitoIssuer: string;
  readonly cognitoEndpoint: string;
  readonly secureCookies: boolean;
  readonly allowedOrigins: readonly string[];
};

function localDefaults(raw: RawEnv): RawEnv {
  const port = raw.PORT ?? '3000';
  return {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    APP_ORIGIN: `http://localhost:${port}`,
    ATTACHMENTS_BUCKET: 'todoer-attachments',
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: 'http://127.0.0.1:9229',
    AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000',
    AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4569',
    AWS_ENDPOINT_URL_REKOGNITION: 'http://127.0.0.1:4570',
    AWS_ENDPOINT_URL_SNS: 'http://127.0.0.1:4571',
    AWS_ENDPOINT_URL_SESV2: 'http://127.0.0.1:4572',
    EMAIL_FROM: 'Todoer <no-reply@todoer.local>',
    EVENTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:todoer-events',
    // One local process signs and checks its own cursors, so a random key is enough; it goes into
    // process.env because every route bundle loads its own copy of this module, and all must agree.
    CURSOR_SECRET: (process.env.CURSOR_SECRET ||= randomBytes(32).toString('base64url')),
    ...withoutEmpty(raw),
  };
}

export class EnvError extends Error {
  override readonly name = 'EnvError';
}

/** Parses configuration; throws one EnvError naming every missing or invalid variable. */
export function parseEnv(raw: RawEnv): Env {
  const mode = modeSchema.safeParse(raw.APP_MODE || undefined);
  if (!mode.success) throw new EnvError('Invalid configuration: APP_MODE must be "local" or "cloud"');
  const source = mode.data === 'local' ? localDefaults(raw) : withoutEmpty(raw);
  // The SDK reads credentials from process.env; local defaults must reach it too.
  if (mode.data === 'local') {
    process.env.AWS_ACCESS_KEY_ID ??= source.AWS_ACCESS_KEY_ID;
    process.env.AWS_SECRET_ACCESS_KEY ??= source.AWS_SECRET_ACCESS_KEY;
  }
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new EnvError(`Invalid configuration (${mode.data} mode): ${configProblems(parsed.error, source).join('; ')}`);
  }
  const env = parsed.data;
  const cognitoEndpoint =
    env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER ?? `https://cognito-idp.${env.AWS_REGION}.amazonaws.com`;
  const appOrigin = new URL(env.APP_ORIGIN);
  const isPlainLocalhost =
    appOrigin.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(appOrigin.hostname);
  return {
    ...env,
    // cognito-local signs tokens with its own address as issuer; AWS uses the regional host.
    cognitoIssuer: env.COGNITO_ISSUER ?? `${cognitoEndpoint.replace(/\/$/, '')}/${env.COGNITO_USER_POOL_ID}`,
    cognitoEndpoint,
    secureCookies: !isPlainLocalhost,
    allowedOrigins: originsFor(appOrigin, isPlainLocalhost),
  };
}

function originsFor(appOrigin: URL, isPlainLocalhost: boolean): string[] {
  if (!isPlainLocalhost) return [appOrigin.origin];
  const port = appOrigin.port ? `:${appOrigin.port}` : '';
  return ['localhost', '127.0.0.1', '[::1]'].map((host) => `http://${host}${port}`);
}

let cached: Env | undefined;

/** The validated configuration, parsed on first use and then kept. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
