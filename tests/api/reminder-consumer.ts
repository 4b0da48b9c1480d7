/**
 * The reminder consumer's own handler code, run by a test against the stack's emulators with a clock the
 * test controls: `runReminderConsumer(now)` is one scheduled run at `now`. Shared by the API tests and the
 * Playwright spec (e2e/reminders.spec.ts).
 */
import { deliverDueReminders, type DeliveryDeps } from '../../lib/reminders/delivery';
import { parseReminderEnv } from '../../worker/config';
import { reminderDeps, withWebPush } from '../../worker/reminder-handler';
import { vapidKeysSource } from '../../worker/vapid-keys-source';
import { requiredEnv } from './client';

process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';

/** The handler's environment against the stack's emulators, as its poller there is given it. */
export const reminderEnv = {
  AWS_REGION: 'us-east-1',
  AWS_ENDPOINT_URL_DYNAMODB: requiredEnv('TEST_DYNAMODB_ENDPOINT'),
  AWS_ENDPOINT_URL_SESV2: requiredEnv('TEST_MAIL_ENDPOINT'),
  REMINDERS_TABLE: requiredEnv('TEST_REMINDERS_TABLE'),
  TODOS_TABLE: requiredEnv('TEST_TABLE'),
  LISTS_TABLE: requiredEnv('TEST_LISTS_TABLE'),
  EMAIL_FROM: 'Todoer <no-reply@todoer.local>',
  APP_URL: requiredEnv('TEST_APP_URL'),
  VAPID_PUBLIC_KEY: requiredEnv('TEST_VAPID_PUBLIC_KEY'),
  VAPID_PRIVATE_KEY: requiredEnv('TEST_VAPID_PRIVATE_KEY'),
};

export const reminderConfig = parseReminderEnv(reminderEnv);

const vapidKeys = vapidKeysSource(reminderConfig);

/** One consumer run at `now`, as the schedule would start it (each run with claims of its own, Web Push as the handler adds it). */
export async function runReminderConsumer(now: Date, overrides: Partial<DeliveryDeps> = {}) {
  return deliverDueReminders({ ...withWebPush(reminderDeps(reminderConfig), await vapidKeys()), ...overrides }, now);
}
