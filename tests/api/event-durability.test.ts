/**
 * Events never half-happen (issue 14): a task write carries its events on the same item, so a server
 * killed between the write and the publish loses none; the sweeper of a restarted process finds them
 * through the sparse PendingEventsIndex and delivers each once. Clearing them changes nothing a client
 * sees: no attribute in answers, the same ETag.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { allActivity, createTask, waitForActivity, type ActivityEntry } from './activity-helpers';
import { createUser, emulatorClientConfig, requiredEnv, Session, type ApiResponse } from './client';
import { indexedAsPending as listedByIndex } from './pending-events';
import { sessionAt, startSecondApp, type SecondApp } from './second-app';

const dynamodb = DynamoDBDocumentClient.from(new DynamoDBClient(emulatorClientConfig(requiredEnv('TEST_DYNAMODB_ENDPOINT'))));
const TABLE = requiredEnv('TEST_TABLE');
/** Long enough that the crashing process's own sweeper never reaches these items. */
const NO_SWEEP = { EVENT_SWEEP_GRACE_MS: '3600000' };
/** The restarted process sweeps soon after its start. */
const SWEEP_SOON = { EVENT_SWEEP_GRACE_MS: '1000', EVENT_DRAIN_INTERVAL_MS: '200' };

/**
 * An SNS endpoint that accepts connections and never answers, so a publish hangs after its write.
 * It tells when a Publish arrives: by then the app's DynamoDB write has landed.
 */
class SilentTopic {
  private waiting: (() => void)[] = [];
  private readonly server = http.createServer((request) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      if (/Publish/.test(body) || /Publish/.test(String(request.headers['x-amz-target'] ?? ''))) {
        for (const resolve of this.waiting.splice(0)) resolve();
      }
    });
  });

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  nextPublish(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** The same signed-in person, talking to another server process. */
async function storedItem(userId: string, taskId: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await dynamodb.send(new GetCommand({ TableName: TABLE, Key: { user_id: userId, todo_id: taskId }, ConsistentRead: true }));
  return Item;
}

function indexedAsPending(taskId: string): Promise<boolean> {
  return listedByIndex(dynamodb, TABLE, taskId);
}

async function eventually(what: string, check: () => Promise<boolean>, withinMs = 20_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function settledActivity(session: Session, taskId: string): Promise<ActivityEntry[]> {
  // Long enough for a second copy of an event, if one were delivered, to be stored too.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return (await allActivity(session)).filter((entry) => entry.taskId === taskId);
}

function userIdOf(task: Record<string, unknown>): string {
  assert.equal(typeof task.createdBy, 'string');
  return task.createdBy as string;
}

function assertNoPendingFields(response: ApiResponse): void {
  assert.doesNotMatch(response.text, /pending/i, 'no trace of waiting events in the answer');
}

describe('events written with the task change', () => {
  const topic = new SilentTopic();
  let silentTopicUrl = '';
  const started: SecondApp[] = [];

  const startApp = async (env: Record<string, string>) => {
    const app = await startSecondApp({ env });
    started.push(app);
    return app;
  };
  const startCrashingApp = () => startApp({ AWS_ENDPOINT_URL_SNS: silentTopicUrl, ...NO_SWEEP });

  before(async () => {
    silentTopicUrl = await topic.listen();
  });

  after(async () => {
    for (const app of started) await app.service.stop();
    await topic.close();
  });

  /** Sends the request and SIGKILLs the server as soon as its publish starts, before it can answer. */
  async function crashAfterWrite(app: SecondApp, session: Session, path: string, options: Parameters<Session['request']>[1]): Promise<void> {
    const publishing = topic.nextPublish();
    const answer = sessionAt(app, session)
      .request(path, options)
      .then((response) => `answered ${response.status}`, () => 'no answer');
    const first = await Promise.race([publishing.then(() => 'publishing'), answer]);
    assert.equal(first, 'publishing', 'the write landed and the publish began');
    await app.service.kill();
    assert.equal(await answer, 'no answer', 'the server died before answering');
    assert.equal(app.service.running, false);
  }

  it('a server killed between the write and the publish of a create, an update and a delete: each event arrives once after a restart', { timeout: 120_000 }, async () => {
    const { session } = await createUser();

    await crashAfterWrite(await startCrashingApp(), session, '/api/tasks', { json: { title: 'Crash after create' } });
    const listed = await session.request<{ items: Record<string, unknown>[] }>('/api/tasks?limit=100');
    const created = listed.body.items.find((task) => task.title === 'Crash after create');
    assert.ok(created, 'the task was stored although its server died');
    const taskId = String(created.id);
    const userId = userIdOf(created);
    assert.equal(Object.keys((await storedItem(userId, taskId))?.pending_events as object).length, 1, 'its event waits on the item');
    assert.equal(await indexedAsPending(taskId), true, 'and the sparse index lists the item');

    // Each later write keeps what still waits and adds its own.
    await crashAfterWrite(await startCrashingApp(), session, `/api/tasks/${taskId}`, { method: 'PATCH', json: { completed: true } });
    assert.equal(Object.keys((await storedItem(userId, taskId))?.pending_events as object).length, 2);
    await crashAfterWrite(await startCrashingApp(), session, `/api/tasks/${taskId}`, { method: 'DELETE' });
    const tombstone = await storedItem(userId, taskId);
    assert.equal(tombstone?.deleted, true, 'the delete landed');
    assert.equal(Object.keys(tombstone?.pending_events as object).length, 3, 'its tombstone holds all three events');
    assert.deepEqual(await allActivity(session), [], 'nothing was published yet');

    const restarted = await startApp(SWEEP_SOON);
    try {
      await waitForActivity(session, (entries) => entries.length >= 3, { withinMs: 30_000 });
      const entries = await settledActivity(session, taskId);
      assert.deepEqual(
        entries.map((entry) => entry.type).reverse(),
        ['task.created', 'task.completed', 'task.deleted'],
        'each event once, in the order of the writes',
      );
      assert.equal(new Set(entries.map((entry) => entry.id)).size, 3);
      await eventually('clearing the delivered events', async () => (await storedItem(userId, taskId))?.pending_events === undefined);
      assert.equal(await indexedAsPending(taskId), false, 'the index no longer lists the item');
    } finally {
      // Its sweeper would otherwise take the next test's waiting events.
      await restarted.service.stop();
    }
  });

  it('events left waiting by a topic that timed out are cleared without touching the task: same ETag, same body, never shown', { timeout: 90_000 }, async () => {
    const { session } = await createUser();
    const slow = sessionAt(await startCrashingApp(), session);
    const created = await slow.request<Record<string, unknown>>('/api/tasks', { json: { title: 'Topic timed out' } });
    assert.equal(created.status, 201, created.text);
    assertNoPendingFields(created);
    const taskId = String(created.body.id);
    const userId = userIdOf(created.body);
    const renamed = await slow.request<Record<string, unknown>>(`/api/tasks/${taskId}`, { method: 'PATCH', json: { title: 'Topic timed out twice' } });
    assert.equal(renamed.status, 200, renamed.text);
    assertNoPendingFields(renamed);
    assert.equal(Object.keys((await storedItem(userId, taskId))?.pending_events as object).length, 2, 'both events wait on the item');

    const before = await session.request(`/api/tasks/${taskId}`);
    assert.equal(before.status, 200);
    assertNoPendingFields(before);
    const listed = await session.request('/api/tasks?limit=100');
    assertNoPendingFields(listed);

    const sweeping = await startApp(SWEEP_SOON);
    try {
      await waitForActivity(session, (entries) => entries.length >= 2, { withinMs: 30_000 });
      await eventually('clearing the delivered events', async () => (await storedItem(userId, taskId))?.pending_events === undefined);
      assert.equal(await indexedAsPending(taskId), false, 'the index is sparse again');
      const entries = await settledActivity(session, taskId);
      assert.deepEqual(entries.map((entry) => entry.type).reverse(), ['task.created', 'task.updated']);
    } finally {
      await sweeping.service.stop();
    }

    const after = await session.request(`/api/tasks/${taskId}`);
    assert.equal(after.headers.get('etag'), before.headers.get('etag'), 'clearing events is not a new version');
    assert.deepEqual(after.body, before.body);
  });

  it('a write on a healthy topic publishes before it answers and leaves nothing waiting', async () => {
    const { session } = await createUser();
    const task = await createTask(session, 'Healthy topic');
    const done = await session.request<Record<string, unknown>>(`/api/tasks/${task.id}`, { method: 'PATCH', json: { completed: true } });
    assert.equal(done.status, 200, done.text);
    const item = await storedItem(userIdOf(done.body), task.id);
    assert.ok(item);
    assert.deepEqual(
      Object.keys(item).filter((name) => name.startsWith('pending')),
      [],
      'the item carries no waiting events once the request is answered',
    );
    assert.equal(await indexedAsPending(task.id), false);
    const entries = await waitForActivity(session, (list) => list.length >= 2, { withinMs: 20_000 });
    assert.deepEqual(entries.map((entry) => entry.type).reverse(), ['task.created', 'task.completed']);
  });
});

describe('the legacy outbox', () => {
  it('an event a process from before parked in the outbox is still delivered, and the entry removed', { timeout: 60_000 }, async () => {
    const { session } = await createUser();
    const task = await createTask(session, 'Parked in the outbox');
    const fetched = await session.request<Record<string, unknown>>(`/api/tasks/${task.id}`);
    const event = {
      id: randomUUID(),
      type: 'task.updated',
      userId: userIdOf(fetched.body),
      actorName: 'Test Person',
      listId: String(fetched.body.listId),
      taskId: task.id,
      version: 2,
      at: new Date().toISOString(),
      data: { title: 'Parked in the outbox', changes: { title: { from: 'Parked', to: 'Parked in the outbox' } } },
    };
    const outbox = requiredEnv('TEST_OUTBOX_TABLE');
    const item = { event_id: event.id, event: JSON.stringify(event), attempts: 1, next_attempt_at: 0, lease_until: 0, last_error: 'TimeoutError', created_at: event.at };
    await dynamodb.send(new PutCommand({ TableName: outbox, Item: item }));
    const entries = await waitForActivity(session, (list) => list.some((entry) => entry.id === event.id), { withinMs: 30_000, taskId: task.id });
    assert.deepEqual(entries.filter((entry) => entry.id === event.id).map((entry) => entry.type), ['task.updated']);
    await eventually('removing the outbox entry', async () => !(await dynamodb.send(new GetCommand({ TableName: outbox, Key: { event_id: event.id }, ConsistentRead: true }))).Item);
  });
});
