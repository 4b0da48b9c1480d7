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
import { webPushSender } from '../lib/reminders/web-push-sender';
import { parseReminderEnv, type ReminderEnv } from './config';
import { log } from './log';

/** What the handler needs, from its environment; tests build it with their own overrides. */
export function reminderDeps(config: ReminderEnv, overrides: Partial<DeliveryDeps> = {}): DeliveryDeps {
  const dynamodb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: config.AWS_REGION, endpoint: config.AWS_ENDPOINT_URL_DYNAMODB }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const ses = new SESv2Client({ region: config.AWS_REGION, endpoint: config.AWS_ENDPOINT_URL_SESV2 });
  const vapid = config.VAPID_PUBLIC_KEY && config.VAPID_PRIVATE_KEY ? { publicKey: config.VAPID_PUBLIC_KEY, privateKey: config.VAPID_PRIVATE_KEY, subject: config.VAPID_SUBJECT } : null;
  return {
    dynamodb,
    tables: { REMINDERS_TABLE: config.REMINDERS_TABLE, TODOS_TABLE: config.TODOS_TABLE, LISTS_TABLE: config.LISTS_TABLE },
    sendEmail: config.EMAIL_FROM ? sendFrom(ses, config.EMAIL_FROM) : null,
    sendPush: vapid ? webPushSender(vapid) : null,
    appUrl: config.APP_URL,
    consumerId: randomUUID(),
    ...overrides,
  };
}

function sendFrom(ses: SESv2Client, from: string): NonNullable<DeliveryDeps['sendEmail']> {
  return async (to, email) => {
    await ses.send(new SendEmailCommand(sendEmailInput(from, { to, ...email })));
  };
}

let deps: DeliveryDeps | undefined;
let offsetMs = 0;

/** The Lambda entry point: the schedule's event carries nothing the run needs. */
export async function handler(): Promise<DeliveryResult> {
  if (!deps) {
    const config = parseReminderEnv(process.env);
    deps = reminderDeps(config);
    offsetMs = config.REMINDER_CLOCK_OFFSET_MS;
  }
  const result = await deliverDueReminders(deps, new Date(Date.now() + offsetMs));
  if (result.due > 0) log('info', 'reminders-run', result);
  return result;
}
