/**
 * Reminders (SPEC §6.2) end to end on the emulators: set over HTTP, delivered by the reminder consumer's
 * own handler code, run here with a clock the test controls (`now` hours ahead), read back from the mail
 * catcher over HTTP, from GET /api/notifications and from a local HTTP server standing in for a push service.
 * The stack's own reminder poller runs on the real clock, hours before any of these reminders is due.
 */
import assert from 'node:assert/strict';
import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it, mock } from 'node:test';
import { SESv2ServiceException } from '@aws-sdk/client-sesv2';
import type { RenderedEmail } from '../../lib/email/templates';
import { notificationIdOf } from '../../lib/reminders/items';
import { PUSH_TTL_SECONDS, webPushSender } from '../../lib/reminders/web-push-sender';
import { requiredEnv, type Session } from './client';
import { reminderDeps } from '../../worker/reminder-handler';
import { reminderConfig, reminderEnv, runReminderConsumer } from './reminder-consumer';
import { assertProblem, assertStatus, createList, createTask, inboxOf, mailTo, person, share, type Person } from './lists-helpers';
import type { CaughtMail } from '../../scripts/emulators/caught-mail';

type Reminder = { id: string; at: string; before?: number };
type TaskWithReminders = { id: string; listId: string; title: string; version: number; dueDate: string | null; dueTime: string | null; reminders: Reminder[] };
type NotificationPage = { items: { id: string; taskId: string; listId: string; title: string; at: string; read: boolean }[]; nextCursor: string | null; unread: number };

const config = reminderConfig;
const run = runReminderConsumer;

const MINUTE = 60_000;
/** A whole minute some hours ahead, different per test, so no two tests share an instant. */
let slot = 0;
function futureMinute(): Date {
  slot += 1;
  return new Date(Math.ceil(Date.now() / MINUTE) * MINUTE + (3 + slot) * 60 * MINUTE);
}

/** The reminders emailed to `address` (invitations to shared lists go there too). */
async function remindersMailedTo(address: string): Promise<CaughtMail[]> {
  return (await mailTo(address)).filter((mail) => mail.subject.startsWith('Reminder: '));
}

async function notificationsOf(session: Session): Promise<NotificationPage> {
  const response = await session.request<NotificationPage>('/api/notifications');
  assertStatus(response, 200, 'GET /api/notifications');
  return response.body;
}

function patchTask(session: Session, taskId: string, json: Record<string, unknown>) {
  return session.request<TaskWithReminders>(`/api/tasks/${taskId}`, { method: 'PATCH', json });
}

async function setReminders(session: Session, taskId: string, reminders: unknown[]): Promise<Reminder[]> {
  const response = await patchTask(session, taskId, { reminders });
  assertStatus(response, 200, 'PATCH reminders');
  return response.body.reminders;
}

async function remindersOf(session: Session, taskId: string): Promise<Reminder[]> {
  const response = await session.request<TaskWithReminders>(`/api/tasks/${taskId}`);
  assertStatus(response, 200, 'GET task');
  return response.body.reminders;
}

async function taskWithReminder(owner: Person, at: Date, fields: Record<string, unknown> = {}): Promise<TaskWithReminders> {
  const task = (await createTask(owner.session, { title: `Call the plumber ${randomUUID().slice(0, 4)}`, ...fields })) as unknown as TaskWithReminders;
  await setReminders(owner.session, task.id, [{ at: at.toISOString() }]);
  return task;
}

describe('reminders: delivery', () => {
  it('arrives once by email and in-app at its time, not before', async () => {
    const owner = await person('Rita Reminded');
    const at = futureMinute();
    const task = await taskWithReminder(owner, at, { dueDate: at.toISOString().slice(0, 10), dueTime: '18:30' });

    await run(new Date(at.getTime() - MINUTE));
    assert.equal((await remindersMailedTo(owner.email)).length, 0, 'nothing a minute early');
    assert.equal((await notificationsOf(owner.session)).unread, 0);

    await run(new Date(at.getTime() + 1000));
    await run(new Date(at.getTime() + 2 * MINUTE));
    const mail = await remindersMailedTo(owner.email);
    assert.equal(mail.length, 1, 'one email, however often the consumer runs');
    assert.equal(mail[0]!.subject, `Reminder: ${task.title}`);
    assert.match(mail[0]!.text ?? '', new RegExp(`/\\?task=${task.id}`));
    assert.match(mail[0]!.text ?? '', /at 18:30/);
    const page = await notificationsOf(owner.session);
    assert.equal(page.unread, 1);
    assert.deepEqual(page.items.map(({ taskId, title, at: when, read }) => ({ taskId, title, at: when, read })), [{ taskId: task.id, title: task.title, at: at.toISOString(), read: false }]);

    const read = await owner.session.request<{ unread: number }>('/api/notifications/read', { json: { ids: [page.items[0]!.id] } });
    assertStatus(read, 200, 'mark read');
    assert.equal(read.body.unread, 0);
    assert.deepEqual((await notificationsOf(owner.session)).items.map((item) => item.read), [true]);
  });

  it('is sent once when two consumers run at the same moment', async () => {
    const owner = await person();
    const at = futureMinute();
    await taskWithReminder(owner, at);
    const now = new Date(at.getTime() + 1000);
    await Promise.all([run(now), run(now), run(now)]);
    assert.equal((await remindersMailedTo(owner.email)).length, 1);
    assert.equal((await notificationsOf(owner.session)).items.length, 1);
  });

  it('is retried after a consumer fails mid-send, and each channel gets it once', async () => {
    const owner = await person();
    const at = futureMinute();
    await taskWithReminder(owner, at);
    // The fault an emulator cannot produce: SES answering 503 after the in-app notification went out.
    const failingEmail = async () => {
      throw new SESv2ServiceException({ name: 'ServiceUnavailable', $fault: 'server', $metadata: { httpStatusCode: 503 }, message: 'SES is down' });
    };
    const first = await run(new Date(at.getTime() + 1000), { sendEmail: failingEmail });
    assert.ok(first.failed >= 1);
    assert.equal((await remindersMailedTo(owner.email)).length, 0);
    assert.equal((await notificationsOf(owner.session)).items.length, 1, 'in-app went out before the failure');

    await run(new Date(at.getTime() + 2000));
    assert.equal((await remindersMailedTo(owner.email)).length, 0, 'the failed run still holds its claim');

    await run(new Date(at.getTime() + 2 * MINUTE));
    assert.equal((await remindersMailedTo(owner.email)).length, 1, 'retried once the claim ran out');
    assert.equal((await notificationsOf(owner.session)).items.length, 1, 'in-app not sent twice');
  });

  it('is never emailed twice when the answer to a send was lost: the other channels still go', async () => {
    const owner = await person();
    const at = futureMinute();
    await taskWithReminder(owner, at);
    const realEmail = reminderDeps(config).sendEmail!;
    // SES accepted the email, then the connection dropped before its answer (or the consumer was killed).
    const sentThenLost = async (to: string, email: RenderedEmail) => {
      await realEmail(to, email);
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    };
    const first = await run(new Date(at.getTime() + 1000), { sendEmail: sentThenLost });
    assert.ok(first.failed >= 1);
    assert.equal((await remindersMailedTo(owner.email)).length, 1);

    const warnings = mock.method(console, 'warn', () => undefined);
    try {
      const retry = await run(new Date(at.getTime() + 2 * MINUTE));
      assert.equal(retry.delivered, 1, 'the retry finishes the reminder');
    } finally {
      warnings.mock.restore();
    }
    assert.equal((await remindersMailedTo(owner.email)).length, 1, 'not emailed a second time');
    assert.ok(warnings.mock.calls.some((call) => String(call.arguments[0]).includes('reminder-channel-outcome-unknown')), 'the unknown outcome is logged');
    assert.equal((await notificationsOf(owner.session)).items.length, 1, 'in-app once');
    await run(new Date(at.getTime() + 4 * MINUTE));
    assert.equal((await remindersMailedTo(owner.email)).length, 1);
  });
});

describe('reminders: cancelled and re-planned', () => {
  it('completing or deleting the task cancels its reminders', async () => {
    const owner = await person();
    const at = futureMinute();
    const completed = await taskWithReminder(owner, at);
    const deleted = await taskWithReminder(owner, at);
    assertStatus(await patchTask(owner.session, completed.id, { completed: true }), 200, 'complete');
    assert.deepEqual(await remindersOf(owner.session, completed.id), []);
    assertStatus(await owner.session.request(`/api/tasks/${deleted.id}`, { method: 'DELETE' }), 204, 'delete');
    await run(new Date(at.getTime() + 1000));
    assert.equal((await remindersMailedTo(owner.email)).length, 0);
    assert.equal((await notificationsOf(owner.session)).items.length, 0);
  });

  it('moving a task to a list a member cannot see cancels theirs; removing a member cancels theirs', async () => {
    const [owner, editor, viewer] = [await person('Owner'), await person('Editor'), await person('Viewer')];
    const list = await createList(owner.session, 'Household');
    await share(owner, list.id, editor, 'editor');
    await share(owner, list.id, viewer, 'viewer');
    const at = futureMinute();
    const moved = await taskWithReminder(owner, at, { listId: list.id });
    await setReminders(editor.session, moved.id, [{ at: at.toISOString() }]);
    const stays = (await createTask(owner.session, { title: 'Water the plants', listId: list.id })) as unknown as TaskWithReminders;
    // A viewer sets their own reminders: they only read the task, and its version does not move.
    const viewed = await patchTask(viewer.session, stays.id, { reminders: [{ at: at.toISOString() }] });
    assertStatus(viewed, 200, 'viewer sets a reminder');
    assert.equal(viewed.body.version, stays.version);
    assert.deepEqual(await remindersOf(owner.session, stays.id), [], "each member sees only their own");

    const inbox = await inboxOf(owner.session);
    assertStatus(await patchTask(owner.session, moved.id, { listId: inbox.id }), 200, 'move to the owner’s inbox');
    assert.equal((await remindersOf(owner.session, moved.id)).length, 1, 'the owner still sees the task: theirs stays');
    assertStatus(await owner.session.request(`/api/lists/${list.id}/members/${viewer.id}`, { method: 'DELETE' }), 204, 'remove viewer');

    await run(new Date(at.getTime() + 1000));
    assert.equal((await remindersMailedTo(owner.email)).length, 1);
    assert.equal((await remindersMailedTo(editor.email)).length, 0, 'moved where the editor cannot see it');
    assert.equal((await remindersMailedTo(viewer.email)).length, 0, 'removed from the list');
    assert.equal((await notificationsOf(viewer.session)).items.length, 0);
  });

  it('re-plans a relative reminder when the due time changes and when a recurring task advances', async () => {
    const owner = await person();
    assertStatus(await owner.session.request('/api/auth/me', { method: 'PATCH', json: { timeZone: 'Europe/Berlin' } }), 200, 'time zone');
    const task = (await createTask(owner.session, { title: 'Stand-up', dueDate: '2031-07-01', dueTime: '10:00', recurrence: { rule: 'FREQ=DAILY', from: 'due' } })) as unknown as TaskWithReminders;
    const set = await setReminders(owner.session, task.id, [{ before: 30 }]);
    assert.deepEqual(set.map(({ at, before: minutes }) => ({ at, before: minutes })), [{ at: '2031-07-01T07:30:00.000Z', before: 30 }], '10:00 in Berlin (UTC+2) less 30 min');

    assertStatus(await patchTask(owner.session, task.id, { dueTime: '12:00' }), 200, 'move the time');
    assert.equal((await remindersOf(owner.session, task.id))[0]!.at, '2031-07-01T09:30:00.000Z');

    const completed = await patchTask(owner.session, task.id, { completed: true });
    assertStatus(completed, 200, 'complete an occurrence');
    assert.equal(completed.body.dueDate, '2031-07-02');
    assert.equal((await remindersOf(owner.session, task.id))[0]!.at, '2031-07-02T09:30:00.000Z', 'follows the next occurrence');
  });
});

describe('reminders: Web Push', () => {
  // web-push speaks https only: the stand-in push service gets a certificate of its own, which only this test's agent trusts.
  const certDir = mkdtempSync(path.join(tmpdir(), 'todoer-push-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(certDir, 'key.pem'), '-out', path.join(certDir, 'cert.pem')], { stdio: 'ignore' });
  const cert = readFileSync(path.join(certDir, 'cert.pem'));
  const sendPush = webPushSender({ publicKey: config.VAPID_PUBLIC_KEY!, privateKey: config.VAPID_PRIVATE_KEY!, subject: config.VAPID_SUBJECT }, new Agent({ ca: cert }));
  const received: { url: string | undefined; headers: IncomingHttpHeaders; body: Buffer }[] = [];
  const pushService = createServer({ key: readFileSync(path.join(certDir, 'key.pem')), cert }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ url: request.url, headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(201).end();
    });
  });
  before(() => new Promise<void>((resolve) => pushService.listen(0, '127.0.0.1', resolve)));
  after(() => new Promise<void>((resolve) => pushService.close(() => resolve())).then(() => rmSync(certDir, { recursive: true, force: true })));

  /** A person subscribed with a browser of their own, whose pushes reach this stand-in. */
  async function subscribed(): Promise<{ owner: Person; endpoint: string }> {
    const owner = await person();
    const browser = createECDH('prime256v1');
    browser.generateKeys();
    const endpoint = `https://127.0.0.1:${(pushService.address() as AddressInfo).port}/push/${randomUUID()}`;
    const subscription = { endpoint, expirationTime: null, keys: { p256dh: browser.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') } };
    assertStatus(await owner.session.request('/api/push/subscriptions', { json: subscription }), 204, 'subscribe');
    return { owner, endpoint };
  }
  const pushesTo = (endpoint: string) => received.filter((push) => push.url && endpoint.endsWith(push.url));

  it('sends exactly one encrypted push to each subscription of the person', async () => {
    const { owner, endpoint } = await subscribed();
    // The app was given the public key as a PEM, as in the cloud: browsers get it raw.
    const key = await owner.session.request<{ publicKey: string }>('/api/push/key');
    assert.equal(key.body.publicKey, requiredEnv('TEST_VAPID_PUBLIC_KEY'));

    const at = futureMinute();
    await taskWithReminder(owner, at);
    await run(new Date(at.getTime() + 1000), { sendPush });
    await run(new Date(at.getTime() + 2 * MINUTE), { sendPush });
    const mine = pushesTo(endpoint);
    assert.equal(mine.length, 1);
    assert.equal(mine[0]!.headers['content-encoding'], 'aes128gcm');
    assert.match(String(mine[0]!.headers.authorization), /^vapid t=.+, k=/);
    assert.ok(!mine[0]!.body.includes(Buffer.from('Reminder')), 'the payload is encrypted');
  });

  it('sends with high urgency, a TTL for a reminder, and a topic of the reminder that a retry after a crash sends again', async () => {
    const { owner, endpoint } = await subscribed();
    const at = futureMinute();
    const task = await taskWithReminder(owner, at);
    const [reminder] = await remindersOf(owner.session, task.id);
    // The consumer dies after the push went out and before it recorded it: the next run sends it again.
    const crashAfterSending: typeof sendPush = async (target, payload) => {
      await sendPush(target, payload);
      throw new Error('consumer killed after sending');
    };
    assert.ok((await run(new Date(at.getTime() + 1000), { sendPush: crashAfterSending })).failed >= 1);
    assert.equal(pushesTo(endpoint).length, 1);
    await run(new Date(at.getTime() + 2 * MINUTE), { sendPush });
    const mine = pushesTo(endpoint);
    assert.equal(mine.length, 2, 'sent, then sent again by the retry');
    for (const push of mine) {
      assert.equal(push.headers.urgency, 'high');
      assert.equal(push.headers.ttl, String(PUSH_TTL_SECONDS));
      // The same topic both times: the push service keeps one of them for a browser that is offline.
      assert.equal(push.headers.topic, notificationIdOf(reminder!.id, reminder!.at));
      assert.match(String(push.headers.topic), /^[A-Za-z0-9_-]{1,32}$/);
    }
  });

  it('from the Lambda handler whose key secret cannot be read: logs it, sends no push that run, still delivers in-app and by email', async (context) => {
    // A port nothing listens on: Secrets Manager unreachable, as the SDK sees an outage.
    const closed = createNetServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const secretsEndpoint = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const { owner, endpoint } = await subscribed();
    const at = futureMinute();
    const task = await taskWithReminder(owner, at);
    // The handler as Lambda runs it: its settings from the environment, its clock run ahead to the reminder.
    Object.assign(process.env, reminderEnv, {
      VAPID_PRIVATE_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:todoer-test/web-push-private-key-AbCdEf',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsEndpoint,
      REMINDER_CLOCK_OFFSET_MS: String(at.getTime() + 1000 - Date.now()),
    });
    const errors = mock.method(console, 'error', () => undefined);
    context.after(() => errors.mock.restore());
    const { handler } = await import('../../worker/reminder-handler');
    const result = await handler();

    // Had it tried to push, the send would have failed (it does not trust the stand-in's certificate) and so the reminder.
    assert.ok(result.delivered >= 1 && result.failed === 0, JSON.stringify(result));
    assert.equal(pushesTo(endpoint).length, 0);
    const logged = errors.mock.calls.map((call) => JSON.parse(String(call.arguments[0])) as { event: string });
    assert.deepEqual(logged.map((line) => line.event), ['web-push-key-unreadable']);
    assert.deepEqual((await mailTo(owner.email)).map((mail) => mail.subject), [`Reminder: ${task.title}`]);
    assert.deepEqual((await notificationsOf(owner.session)).items.map((item) => item.taskId), [task.id]);
  });
});

describe('reminders: validation', () => {
  it('answers 400 with the field for bad reminders', async () => {
    const owner = await person();
    const undated = (await createTask(owner.session, { title: 'No date' })) as unknown as TaskWithReminders;
    const cases: [unknown, string][] = [
      [Array.from({ length: 6 }, (_, index) => ({ before: index })), 'reminders'],
      [[{ before: 10_081 }], 'reminders.0.before'],
      [[{ before: -1 }], 'reminders.0.before'],
      [[{ at: 'tomorrow' }], 'reminders.0.at'],
      [[{ before: 30 }], 'reminders.0.before'],
      [[{ at: '2031-01-01T09:00:00Z' }, { at: '2031-01-01T09:00:00Z' }], 'reminders'],
      ['soon', 'reminders'],
    ];
    for (const [reminders, field] of cases) {
      const response = await patchTask(owner.session, undated.id, { reminders });
      assertProblem(response, 400, JSON.stringify(reminders));
      const errors = (response.body as unknown as { errors: { field: string }[] }).errors;
      assert.ok(errors.some((error) => error.field === field), `${JSON.stringify(reminders)} → ${JSON.stringify(errors)}`);
    }
    for (const subscription of [{ endpoint: 'not a url', keys: {} }, { endpoint: 'http://push.example/1', keys: { p256dh: 'abc', auth: 'def' } }]) {
      assertProblem(await owner.session.request('/api/push/subscriptions', { json: subscription }), 400, JSON.stringify(subscription));
    }
    assertProblem(await owner.session.request('/api/notifications/read', { json: { ids: [] } }), 400, 'no ids');
  });
});
