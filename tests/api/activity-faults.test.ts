/**
 * The activity pipeline under faults, on a stack of this file's own: the bus (SNS + SQS emulator) stopped
 * or hanging while people keep working, the consumer (the Lambda handler under the local poller) killed mid-stream, a graceful stop, and a poison message.
 * Nothing may be lost and nothing stored twice.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { provisionEvents, TABLE_NAME } from '../../scripts/provision';
import { startTestStack, type Stack } from '../../scripts/stack';
import { allActivity, createTask, waitForActivity } from './activity-helpers';
import { createUserAt, emulatorClientConfig, type Session } from './client';
import { waitingEventCount } from './pending-events';

const FAST_MS = 3000;

/**
 * Sits between the app and the SNS endpoint so a test can make the bus slow: while `hang` is set, requests
 * are held and never answered (as a topic that accepts connections but does not respond). Otherwise each
 * request is passed through; if the bus is down, the connection is reset as the bus itself would.
 */
class SlowBusProxy {
  hang = false;
  target = '';
  private readonly server = http.createServer((request, response) => {
    if (this.hang) return;
    const upstream = http.request(
      new URL(request.url ?? '/', this.target),
      { method: request.method, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => request.socket.destroy());
    request.pipe(upstream);
  });

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    assert.ok(address && typeof address === 'object');
    return `http://127.0.0.1:${address.port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

describe('own stack: the activity pipeline under faults', () => {
  let stack: Stack | undefined;
  let dataDir = '';
  const bus = new SlowBusProxy();

  const live = () => {
    assert.ok(stack, 'the stack started');
    return stack;
  };

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'todoer-pipeline-'));
    stack = await startTestStack({ dataDir, extraEnv: { EVENT_DRAIN_INTERVAL_MS: '300', EVENT_SWEEP_GRACE_MS: '500', AWS_ENDPOINT_URL_SNS: await bus.listen() } });
    bus.target = stack.emulators.endpoints.sns;
  });

  after(async () => {
    await stack?.stop();
    await bus.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** Events waiting on their task items for the sweeper. */
  async function waitingCount(): Promise<number> {
    const dynamodb = DynamoDBDocumentClient.from(new DynamoDBClient(emulatorClientConfig(live().emulators.endpoints.dynamodb)));
    try {
      return await waitingEventCount(dynamodb, TABLE_NAME);
    } finally {
      dynamodb.destroy();
    }
  }

  async function timedCreate(session: Session, title: string): Promise<string> {
    const started = performance.now();
    const task = await createTask(session, title);
    const ms = performance.now() - started;
    assert.ok(ms < FAST_MS, `creating "${title}" took ${Math.round(ms)} ms`);
    return task.id;
  }

  it('bus stopped: requests still succeed at once; the sweeper publishes everything once the bus is back', { timeout: 90_000 }, async () => {
    const { session } = await createUserAt(live().appUrl);
    const events = live().emulators.services.events;
    await events.stop();
    const ids: string[] = [];
    try {
      for (let index = 0; index < 5; index += 1) {
        const id = await timedCreate(session, `Offline ${index}`);
        const started = performance.now();
        const patched = await session.request(`/api/tasks/${id}`, { method: 'PATCH', json: { completed: true } });
        assert.equal(patched.status, 200, patched.text);
        assert.ok(performance.now() - started < FAST_MS, 'completing answered quickly');
        ids.push(id);
      }
      assert.equal(await waitingCount(), 10, 'every event waits on its task');
    } finally {
      await events.start();
    }
    // The emulator keeps no state across restarts; recreate the topic, queues and subscription as the launcher does.
    await provisionEvents(live().emulators.endpoints);

    const entries = await waitForActivity(session, (list) => list.length >= 10, { withinMs: 45_000 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const settled = await allActivity(session);
    assert.equal(settled.length, 10, `exactly ten entries: ${JSON.stringify(entries.map((e) => [e.type, e.title]))}`);
    assert.equal(new Set(settled.map((entry) => entry.id)).size, 10, 'no event stored twice');
    for (const id of ids) {
      assert.deepEqual(
        settled.filter((entry) => entry.taskId === id).map((entry) => entry.type).sort(),
        ['task.completed', 'task.created'],
      );
    }
    assert.equal(await waitingCount(), 0, 'nothing waits any more');
  });

  it('bus slow: a request waits at most the publish cap, and the event still arrives once', { timeout: 60_000 }, async () => {
    const { session } = await createUserAt(live().appUrl);
    bus.hang = true;
    let taskId: string;
    try {
      taskId = await timedCreate(session, 'Slow bus');
      assert.equal(await waitingCount(), 1, 'the event waits on its task');
    } finally {
      bus.hang = false;
    }
    const entries = await waitForActivity(session, (list) => list.length >= 1, { withinMs: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const settled = await allActivity(session);
    assert.deepEqual(settled.map((entry) => [entry.type, entry.taskId]), [['task.created', taskId]], JSON.stringify(entries));
    assert.equal(await waitingCount(), 0);
  });

  it('consumer killed mid-stream and restarted: nothing lost, nothing doubled', { timeout: 90_000 }, async () => {
    const { session } = await createUserAt(live().appUrl);
    const worker = live().worker;
    const titles = Array.from({ length: 20 }, (_, index) => `Stream ${index}`);
    for (const [index, title] of titles.entries()) {
      if (index === 8) await worker.kill();
      await createTask(session, title);
    }
    assert.equal(worker.running, false);
    await worker.start();
    const entries = await waitForActivity(session, (list) => list.length >= titles.length, { withinMs: 45_000 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const settled = await allActivity(session);
    assert.equal(settled.length, titles.length, JSON.stringify(entries.map((e) => e.title)));
    assert.deepEqual(settled.map((entry) => entry.title).sort(), [...titles].sort());
  });

  it('SIGTERM stops the poller cleanly; a restarted poller picks up what arrived meanwhile', { timeout: 60_000 }, async () => {
    const { session } = await createUserAt(live().appUrl);
    const worker = live().worker;
    await createTask(session, 'Before the stop');
    await worker.stop();
    assert.match(worker.output(), /"event":"poller-stopped"/);
    await createTask(session, 'While stopped');
    await worker.start();
    const entries = await waitForActivity(session, (list) => list.length === 2, { withinMs: 20_000 });
    assert.deepEqual(entries.map((entry) => entry.title).sort(), ['Before the stop', 'While stopped']);
  });

  it('a poison message is reported failed on each receive, then moved to the dead-letter queue after 5 receives', { timeout: 90_000 }, async () => {
    const { events } = live().ids;
    const sqs = new SQSClient(emulatorClientConfig(live().emulators.endpoints.sqs));
    const body = `{"not":"an event","n":${Date.now()}}`;
    try {
      const { MessageId } = await sqs.send(new SendMessageCommand({ QueueUrl: events.queueUrl, MessageBody: body }));
      assert.ok(MessageId);
      const deadline = Date.now() + 60_000;
      let inDeadLetters = false;
      while (!inDeadLetters && Date.now() < deadline) {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: events.deadLetterQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 0 }),
        );
        inDeadLetters = Messages.some((message) => message.Body === body);
      }
      assert.ok(inDeadLetters, 'the message reached the dead-letter queue');
      const failures = live()
        .worker.output()
        .split('\n')
        .filter((line) => line.includes('"message-failed"') && line.includes(MessageId))
        .map((line) => (JSON.parse(line) as { receiveCount: number }).receiveCount);
      assert.deepEqual(failures, [1, 2, 3, 4, 5], 'five attempts, each after its visibility timeout, then no more');
    } finally {
      sqs.destroy();
    }
  });
});
