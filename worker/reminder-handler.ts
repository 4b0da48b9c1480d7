/**
 * The reminder consumer: delivers every reminder due by now (lib/reminders/delivery.ts). On AWS Lambda
 * an EventBridge Scheduler schedule invokes it every minute; locally reminder-poller.ts runs the same
 * function every REMINDER_POLL_MS. Each run claims what it sends, so runs that overlap never both send one.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sendEmailInput } from '../lib/email/command';
import { deliverDueReminders, type DeliveryDeps, type DeliveryResult } from '../lib/reminders/delivery';
import { webPushSender, type VapidKeys } from '../lib/reminders/web-push-sender';
import { parseReminderEnv, type ReminderEnv } from './config';
import { log } from './log';
import { vapidKeysSource, type VapidKeysSource } from './vapid-keys-source';

/**
 * What the handler needs, from its environment, made once per cold start; tests build it with their own
 * overrides. Web Push is added per run by withWebPush, from the keys that run has.
 */
export function reminderDeps(config: ReminderEnv, overrides: Partial<DeliveryDeps> = {}): DeliveryDeps {
  const dynamodb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: config.AWS_REGION, endpoint: config.AWS_ENDPOINT_URL_DYNAMODB }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  // One attempt: the SDK's own retry after a lost answer could send a reminder twice (delivery.ts, "at most once").
  const ses = new SESv2Client({ region: config.AWS_REGION, endpoint: config.AWS_ENDPOINT_URL_SESV2, maxAttempts: 1 });
  return {
    dynamodb,
    tables: { REMINDERS_TABLE: config.REMINDERS_TABLE, TODOS_TABLE: config.TODOS_TABLE, LISTS_TABLE: config.LISTS_TABLE },
    sendEmail: config.EMAIL_FROM ? sendFrom(ses, config.EMAIL_FROM) : null,
    sendPush: null,
    appUrl: config.APP_URL,
    consumerId: randomUUID(),
    ...overrides,
  };
}

/** One run's dependencies: Web Push with this run's VAPID keys, none without them. */
export function withWebPush(deps: DeliveryDeps, keys: VapidKeys | null): DeliveryDeps {
  return { ...deps, sendPush: keys ? webPushSender(keys) : null };
}

function sendFrom(ses: SESv2Client, from: string): NonNullable<DeliveryDeps['sendEmail']> {
  return async (to, email) => {
    await ses.send(new SendEmailCommand(sendEmailInput(from, { to, ...email })));
  };
}

/** Kept across the runs of one cold start: clients, and the VAPID keys once read. */
let coldStart: { deps: DeliveryDeps; vapidKeys: VapidKeysSource; offsetMs: number } | undefined;

/** The Lambda entry point: the schedule's event carries nothing the run needs. */
export async function handler(): Promise<DeliveryResult> {
  if (!coldStart) {
    const config = parseReminderEnv(process.env);
    coldStart = { deps: reminderDeps(config), vapidKeys: vapidKeysSource(config), offsetMs: config.REMINDER_CLOCK_OFFSET_MS };
  }
  const deps = withWebPush(coldStart.deps, await coldStart.vapidKeys());
  const result = await deliverDueReminders(deps, new Date(Date.now() + coldStart.offsetMs));
  if (result.due > 0) log('info', 'reminders-run', result);
  return result;
}
