/**
 * The activity pipeline on the shared stack, end to end: API → SNS emulator → SQS emulator → activity
 * consumer (its Lambda handler under the local poller) → activity table → GET /api/activity. Also:
 * redelivery stored once, privacy between people, exact pagination and input validation. Faults (bus
 * down, consumer killed, poison messages): activity-faults.test.ts.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { allActivity, createTask, waitForActivity, type ActivityPage } from './activity-helpers';
import { createUser, emulatorClientConfig, isProblem, problemFields, requiredEnv, Session, type ApiResponse } from './client';

const sqs = () => new SQSClient(emulatorClientConfig(requiredEnv('TEST_SQS_ENDPOINT')));

async function userId(session: Session): Promise<string> {
  const me = await session.request<{ user: { id: string } }>('/api/auth/me');
  assert.equal(me.status, 200, me.text);
  return me.body.user.id;
}

describe('activity: changes reach the log', () => {
  it('create, rename, complete, reopen, attach-free delete: each appears once, newest first, within seconds', async () => {
    const { session } = await createUser();
    const task = await createTask(session, 'Buy milk');
    await waitForActivity(session, (entries) => entries.some((e) => e.type === 'task.created'));

    const renamed = await session.request<{ version: number }>(`/api/tasks/${task.id}`, { method: 'PATCH', json: { title: 'Buy oat milk', priority: 'high' } });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal((await session.request(`/api/tasks/${task.id}`, { method: 'PATCH', json: { completed: true } })).status, 200);
    assert.equal((await session.request(`/api/tasks/${task.id}`, { method: 'PATCH', json: { completed: false } })).status, 200);
    assert.equal((await session.request(`/api/tasks/${task.id}`, { method: 'DELETE' })).status, 204);

    const entries = await waitForActivity(session, (list) => list.length === 5);
    assert.deepEqual(
      entries.map((entry) => [entry.type, entry.version]),
      [
        ['task.deleted', 4],
        ['task.reopened', 4],
        ['task.completed', 3],
        ['task.updated', 2],
        ['task.created', 1],
      ],
    );
    assert.ok(entries.every((entry) => entry.taskId === task.id));
    const update = entries[3]!;
    assert.equal(update.title, 'Buy oat milk');
    assert.deepEqual(update.changes, { title: { from: 'Buy milk', to: 'Buy oat milk' }, priority: { from: 'medium', to: 'high' } });
    assert.deepEqual(entries[2]!.changes, { completed: { from: false, to: true } });
    assert.equal(new Set(entries.map((entry) => entry.id)).size, 5, 'ids are unique');

    const byTask = await allActivity(session, task.id);
    assert.deepEqual(byTask.map((entry) => entry.id), entries.map((entry) => entry.id), 'the task view holds the same entries');
  });

  it('a PATCH that changes nothing adds no entry', async () => {
    const { session } = await createUser();
    const task = await createTask(session, 'Water plants');
    assert.equal((await session.request(`/api/tasks/${task.id}`, { method: 'PATCH', json: { title: 'Water plants' } })).status, 200);
    const marker = await createTask(session, 'marker');
    const entries = await waitForActivity(session, (list) => list.some((entry) => entry.taskId === marker.id));
    assert.deepEqual(entries.filter((entry) => entry.taskId === task.id).map((entry) => entry.type), ['task.created']);
  });
});

describe('activity: the consumer stores each event once', () => {
  it('the same event delivered twice is stored once; the redelivery does not overwrite it', async () => {
    const { session } = await createUser();
    const owner = await userId(session);
    const queueUrl = requiredEnv('TEST_QUEUE_URL');
    const event = {
      id: randomUUID(),
      type: 'task.created',
      userId: owner,
      taskId: randomUUID(),
      version: 1,
      at: new Date().toISOString(),
      data: { title: 'First delivery' },
    };
    const client = sqs();
    try {
      await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(event) }));
      await waitForActivity(session, (list) => list.some((entry) => entry.id === event.id));
      // Same event id, altered body: were the write not conditional, this copy would replace the first.
      await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ ...event, data: { title: 'Second delivery' } }) }));
      const marker = { ...event, id: randomUUID(), taskId: randomUUID(), data: { title: 'marker' } };
      await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(marker) }));
      const entries = await waitForActivity(session, (list) => list.some((entry) => entry.id === marker.id));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const copies = (await allActivity(session)).filter((entry) => entry.id === event.id);
      assert.equal(copies.length, 1, JSON.stringify(entries));
      assert.equal(copies[0]!.title, 'First delivery');
    } finally {
      client.destroy();
    }
  });
});

describe('activity: privacy, pagination, validation', () => {
  it("another person's activity is never visible, by account or by their task id", async () => {
    const alice = await createUser();
    const bob = await createUser();
    const task = await createTask(alice.session, 'Alice only');
    await waitForActivity(alice.session, (list) => list.length === 1);
    // Someone else's task is answered exactly like a task that does not exist (SPEC §6.1).
    const byTask = await bob.session.request<ActivityPage>(`/api/activity?taskId=${task.id}`);
    const unknown = await bob.session.request<ActivityPage>(`/api/activity?taskId=${randomUUID()}`);
    assert.equal(byTask.status, 404, byTask.text);
    assert.ok(isProblem(byTask), byTask.text);
    assert.deepEqual(byTask.body, unknown.body);
    assert.deepEqual(await allActivity(bob.session), []);
    assert.equal((await new Session().request('/api/activity')).status, 401, 'signed out');
  });

  it('following cursors returns every entry exactly once, newest first, in full pages', async () => {
    const { session } = await createUser();
    const titles = Array.from({ length: 23 }, (_, index) => `Task ${String(index).padStart(2, '0')}`);
    for (const title of titles) await createTask(session, title);
    await waitForActivity(session, (list) => list.length === titles.length, { withinMs: 20_000 });

    const pages: ActivityPage[] = [];
    let cursor: string | null = null;
    do {
      const response: ApiResponse<ActivityPage> = await session.request<ActivityPage>(`/api/activity?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(response.status, 200, response.text);
      pages.push(response.body);
      cursor = response.body.nextCursor;
    } while (cursor);
    assert.deepEqual(pages.map((page) => page.items.length), [5, 5, 5, 5, 3]);
    const seen = pages.flatMap((page) => page.items.map((entry) => entry.title));
    assert.deepEqual(seen, [...titles].reverse());
  });

  it('bad queries and cursors are 400 problems; a cursor only continues its own list', async () => {
    const alice = await createUser();
    const bob = await createUser();
    const tasks = [];
    for (const title of ['one', 'two', 'three']) tasks.push(await createTask(alice.session, title));
    await waitForActivity(alice.session, (list) => list.length === 3);
    const first = await alice.session.request<ActivityPage>('/api/activity?limit=1');
    const cursor = first.body.nextCursor;
    assert.ok(cursor);

    const cases: [string, string][] = [
      ['/api/activity?taskId=not-a-uuid', 'taskId'],
      ['/api/activity?limit=0', 'limit'],
      ['/api/activity?limit=101', 'limit'],
      ['/api/activity?unknown=1', ''],
      ['/api/activity?cursor=garbage', ''],
      [`/api/activity?cursor=${encodeURIComponent(`${cursor}x`)}`, ''],
      // The account's cursor does not continue one task's history.
      [`/api/activity?taskId=${tasks[0]!.id}&cursor=${encodeURIComponent(cursor)}`, ''],
    ];
    for (const [path, field] of cases) {
      const response = await alice.session.request(path);
      assert.equal(response.status, 400, `${path}: ${response.text}`);
      assert.ok(isProblem(response), path);
      if (field) assert.ok(problemFields(response).includes(field), `${path} names ${field}: ${response.text}`);
    }
    const stolen = await bob.session.request(`/api/activity?cursor=${encodeURIComponent(cursor)}`);
    assert.equal(stolen.status, 400, "another person's cursor");
  });

  it('deleting the account removes its activity', async () => {
    const user = await createUser();
    const owner = await userId(user.session);
    await createTask(user.session, 'Soon gone');
    await waitForActivity(user.session, (list) => list.length === 1);
    assert.equal((await user.session.request('/api/auth/me', { method: 'DELETE' })).status, 204);
    const { DynamoDBClient, QueryCommand } = await import('@aws-sdk/client-dynamodb');
    const dynamodb = new DynamoDBClient(emulatorClientConfig(requiredEnv('TEST_DYNAMODB_ENDPOINT')));
    try {
      const { Count } = await dynamodb.send(
        new QueryCommand({
          TableName: requiredEnv('TEST_ACTIVITY_TABLE'),
          KeyConditionExpression: 'user_id = :user',
          ExpressionAttributeValues: { ':user': { S: owner } },
          Select: 'COUNT',
        }),
      );
      assert.equal(Count, 0);
    } finally {
      dynamodb.destroy();
    }
  });
});
