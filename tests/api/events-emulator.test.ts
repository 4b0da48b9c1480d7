/**
 * The local SNS + SQS emulator (scripts/emulators/events-server.ts), started as a child process and
 * spoken to with the real @aws-sdk/client-sns, @aws-sdk/client-sqs and the local poller (worker/local-poller.ts).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CreateTopicCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTopicsCommand,
  PublishBatchCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import {
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { pollOnce } from '../../worker/local-poller';
import type { SQSEvent, SQSRecord } from '../../worker/sqs-event';
import { ChildService, freePort, ROOT } from '../../scripts/stack';

const HOST = '127.0.0.1';
const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const MAX_RECEIVE_COUNT = 5;
const run = randomUUID().slice(0, 8);

let dataDir: string;
let emulator: ChildService;
let endpoint: string;
let sqs: SQSClient;
let sns: SNSClient;

function clientConfig(url: string) {
  return { region: REGION, endpoint: url, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 };
}

async function createQueue(name: string, attributes?: Record<string, string>): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  assert.ok(QueueUrl);
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  assert.ok(Attributes?.QueueArn);
  return { url: QueueUrl, arn: Attributes.QueueArn };
}

async function createTopic(name: string): Promise<string> {
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: name }));
  assert.ok(TopicArn);
  return TopicArn;
}

async function subscribe(topicArn: string, queueArn: string, raw: boolean): Promise<string> {
  const { SubscriptionArn } = await sns.send(new SubscribeCommand({
    TopicArn: topicArn,
    Protocol: 'sqs',
    Endpoint: queueArn,
    Attributes: raw ? { RawMessageDelivery: 'true' } : undefined,
    ReturnSubscriptionArn: true,
  }));
  assert.ok(SubscriptionArn);
  return SubscriptionArn;
}

async function receive(queueUrl: string, options: { wait?: number; visibility?: number; max?: number } = {}): Promise<Message[]> {
  const { Messages } = await sqs.send(new ReceiveMessageCommand({
    QueueUrl: queueUrl,
    MaxNumberOfMessages: options.max ?? 1,
    WaitTimeSeconds: options.wait ?? 2,
    VisibilityTimeout: options.visibility ?? 30,
    MessageSystemAttributeNames: ['ApproximateReceiveCount'],
  }));
  return Messages ?? [];
}

async function receiveOne(queueUrl: string, options: { wait?: number; visibility?: number } = {}): Promise<Message & { ReceiptHandle: string }> {
  const [message, ...rest] = await receive(queueUrl, options);
  assert.ok(message?.ReceiptHandle, 'expected a message');
  assert.equal(rest.length, 0);
  return { ...message, ReceiptHandle: message.ReceiptHandle };
}

async function counts(queueUrl: string): Promise<{ visible: number; inFlight: number }> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({
    QueueUrl: queueUrl,
    AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
  }));
  return { visible: Number(Attributes?.ApproximateNumberOfMessages), inFlight: Number(Attributes?.ApproximateNumberOfMessagesNotVisible) };
}

describe('local SNS + SQS emulator (fauxqs)', () => {
  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'events-emulator-'));
    const port = await freePort(HOST);
    endpoint = `http://${HOST}:${port}`;
    emulator = new ChildService('events', [
      process.execPath, '--import', 'tsx', path.join(ROOT, 'scripts', 'emulators', 'events-server.ts'), dataDir, String(port), HOST,
    ], {});
    await emulator.start();
    sqs = new SQSClient(clientConfig(endpoint));
    sns = new SNSClient(clientConfig(endpoint));
  });

  after(async () => {
    sqs?.destroy();
    sns?.destroy();
    await emulator?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps queues, subscriptions and queued messages across a restart', async () => {
    const queue = await createQueue(`durable-${run}`);
    const topicArn = await createTopic(`durable-${run}`);
    await subscribe(topicArn, queue.arn, true);
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'received, then released' }));
    const released = await receiveOne(queue.url);
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queue.url, ReceiptHandle: released.ReceiptHandle, VisibilityTimeout: 0 }));
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'queued before the restart' }));

    await emulator.stop();
    await emulator.start();

    const restored = await receive(queue.url, { max: 10 });
    assert.deepEqual(
      restored.map((message) => [message.Body, message.Attributes?.ApproximateReceiveCount]).sort(),
      [['queued before the restart', '1'], ['received, then released', '2']],
    );
    // The subscription came back too: a message published after the restart still fans out.
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'published after the restart' }));
    assert.equal((await receiveOne(queue.url)).Body, 'published after the restart');
  });

  it('creates queues with a redrive policy, with AWS-shaped URLs and ARNs', async () => {
    const dlq = await createQueue(`dlq-${run}`);
    const redrivePolicy = JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: MAX_RECEIVE_COUNT });
    const queue = await createQueue(`work-${run}`, { RedrivePolicy: redrivePolicy, VisibilityTimeout: '1' });

    assert.equal(queue.url, `http://sqs.${REGION}.localhost:${new URL(endpoint).port}/${ACCOUNT}/work-${run}`);
    assert.equal(queue.arn, `arn:aws:sqs:${REGION}:${ACCOUNT}:work-${run}`);
    assert.equal(dlq.arn, `arn:aws:sqs:${REGION}:${ACCOUNT}:dlq-${run}`);
    assert.deepEqual(await sqs.send(new GetQueueUrlCommand({ QueueName: `work-${run}` })).then((r) => r.QueueUrl), queue.url);
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['RedrivePolicy', 'VisibilityTimeout'] }));
    assert.deepEqual(JSON.parse(Attributes?.RedrivePolicy ?? '{}'), { deadLetterTargetArn: dlq.arn, maxReceiveCount: MAX_RECEIVE_COUNT });
    assert.equal(Attributes?.VisibilityTimeout, '1');
    // Creating again with the same attributes is idempotent, as on AWS.
    assert.equal((await createQueue(`work-${run}`, { RedrivePolicy: redrivePolicy, VisibilityTimeout: '1' })).url, queue.url);
    await assert.rejects(sqs.send(new GetQueueUrlCommand({ QueueName: `missing-${run}` })), { name: 'QueueDoesNotExist' });
  });

  it('accepts a queue URL that names the emulator by another host name', async () => {
    const queue = await createQueue(`alias-${run}`);
    const alias = `${endpoint}${new URL(queue.url).pathname}`;
    await sqs.send(new SendMessageCommand({ QueueUrl: alias, MessageBody: 'via alias' }));
    assert.equal((await receiveOne(queue.url)).Body, 'via alias');
  });

  it('delivers a published message to a raw-delivery subscription exactly as published', async () => {
    const topicArn = await createTopic(`events-${run}`);
    assert.equal(topicArn, `arn:aws:sns:${REGION}:${ACCOUNT}:events-${run}`);
    const queue = await createQueue(`raw-${run}`);
    const subscriptionArn = await subscribe(topicArn, queue.arn, true);
    assert.match(subscriptionArn, new RegExp(`^${topicArn}:`));

    const body = JSON.stringify({ type: 'task.created', id: randomUUID(), title: 'Ünïcode & <xml> "quotes"' });
    const published = await sns.send(new PublishCommand({ TopicArn: topicArn, Message: body }));
    assert.ok(published.MessageId);
    const message = await receiveOne(queue.url);
    assert.equal(message.Body, body);
    assert.equal(message.Attributes?.ApproximateReceiveCount, '1');
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: message.ReceiptHandle }));
    assert.deepEqual(await counts(queue.url), { visible: 0, inFlight: 0 });

    const topics = await sns.send(new ListTopicsCommand({}));
    assert.ok(topics.Topics?.some((topic) => topic.TopicArn === topicArn));
    const { Subscriptions } = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
    assert.deepEqual(Subscriptions?.map((s) => [s.SubscriptionArn, s.Protocol, s.Endpoint]), [[subscriptionArn, 'sqs', queue.arn]]);
    const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn }));
    assert.equal(Attributes?.TopicArn, topicArn);
  });

  it('wraps messages in the SNS envelope until RawMessageDelivery is switched on, and fans out PublishBatch', async () => {
    const topicArn = await createTopic(`envelope-${run}`);
    const queue = await createQueue(`envelope-${run}`);
    const subscriptionArn = await subscribe(topicArn, queue.arn, false);

    const { MessageId } = await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'hello', Subject: 'greeting' }));
    const wrapped = await receiveOne(queue.url);
    const envelope = JSON.parse(wrapped.Body ?? '{}') as Record<string, unknown>;
    assert.equal(envelope.Type, 'Notification');
    assert.equal(envelope.Message, 'hello');
    assert.equal(envelope.MessageId, MessageId);
    assert.equal(envelope.TopicArn, topicArn);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: wrapped.ReceiptHandle }));

    await sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn, AttributeName: 'RawMessageDelivery', AttributeValue: 'true' }));
    const batch = await sns.send(new PublishBatchCommand({
      TopicArn: topicArn,
      PublishBatchRequestEntries: [{ Id: 'a', Message: 'first' }, { Id: 'b', Message: 'second' }],
    }));
    assert.deepEqual(batch.Successful?.map((entry) => entry.Id).sort(), ['a', 'b']);
    assert.equal(batch.Failed?.length ?? 0, 0);
    const bodies = (await receive(queue.url, { max: 10 })).map((message) => message.Body).sort();
    assert.deepEqual(bodies, ['first', 'second']);
  });

  it(`moves a message received ${MAX_RECEIVE_COUNT} times without delete to the DLQ on the next receive`, async () => {
    const dlq = await createQueue(`poison-dlq-${run}`);
    const queue = await createQueue(`poison-${run}`, {
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: MAX_RECEIVE_COUNT }),
    });
    await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'poison' }));

    for (let attempt = 1; attempt <= MAX_RECEIVE_COUNT; attempt++) {
      // VisibilityTimeout 1 s: the long poll sees the message come back after each failed attempt.
      const message = await receiveOne(queue.url, { wait: 3, visibility: 1 });
      assert.equal(message.Body, 'poison');
      assert.equal(message.Attributes?.ApproximateReceiveCount, String(attempt));
    }
    assert.deepEqual(await receive(queue.url, { wait: 2, visibility: 1 }), []);
    const deadLetter = await receiveOne(dlq.url, { wait: 1 });
    assert.equal(deadLetter.Body, 'poison');
    assert.deepEqual(await counts(queue.url), { visible: 0, inFlight: 0 });
  });

  it('deletes messages (singly and in batches), changes visibility and purges', async () => {
    const queue = await createQueue(`lifecycle-${run}`);
    await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'gone' }));
    const gone = await receiveOne(queue.url, { visibility: 1 });
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: gone.ReceiptHandle }));
    // Past its visibility timeout a deleted message must not come back.
    assert.deepEqual(await receive(queue.url, { wait: 2 }), []);
    assert.deepEqual(await counts(queue.url), { visible: 0, inFlight: 0 });

    const sent = await sqs.send(new SendMessageBatchCommand({
      QueueUrl: queue.url,
      Entries: ['one', 'two', 'three', 'four'].map((body) => ({ Id: body, MessageBody: body })),
    }));
    assert.equal(sent.Successful?.length, 4);
    const received = await receive(queue.url, { max: 10 });
    assert.equal(received.length, 4);
    assert.deepEqual(await counts(queue.url), { visible: 0, inFlight: 4 });
    const byBody = new Map(received.map((message) => [message.Body, message.ReceiptHandle ?? '']));

    const deleted = await sqs.send(new DeleteMessageBatchCommand({
      QueueUrl: queue.url,
      Entries: ['one', 'two'].map((body) => ({ Id: body, ReceiptHandle: byBody.get(body) })),
    }));
    assert.equal(deleted.Successful?.length, 2);
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queue.url, ReceiptHandle: byBody.get('three'), VisibilityTimeout: 0 }));
    await sqs.send(new ChangeMessageVisibilityBatchCommand({
      QueueUrl: queue.url,
      Entries: [{ Id: 'four', ReceiptHandle: byBody.get('four'), VisibilityTimeout: 0 }],
    }));
    const again = await receive(queue.url, { max: 10, wait: 0 });
    assert.deepEqual(again.map((message) => message.Body).sort(), ['four', 'three']);
    assert.ok(again.every((message) => message.Attributes?.ApproximateReceiveCount === '2'));

    await sqs.send(new ChangeMessageVisibilityBatchCommand({
      QueueUrl: queue.url,
      Entries: again.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 })),
    }));
    assert.deepEqual(await counts(queue.url), { visible: 2, inFlight: 0 });
    await sqs.send(new PurgeQueueCommand({ QueueUrl: queue.url }));
    assert.deepEqual(await counts(queue.url), { visible: 0, inFlight: 0 });
    assert.deepEqual(await receive(queue.url, { wait: 0 }), []);
  });

  it('feeds the local poller, which deletes what the handler handled and leaves what it reported failed', async () => {
    const topicArn = await createTopic(`consumer-${run}`);
    const queue = await createQueue(`consumer-${run}`);
    await subscribe(topicArn, queue.arn, true);
    const seen: SQSRecord[] = [];
    const options = {
      sqs,
      queueUrl: queue.url,
      region: REGION,
      batchSize: 10,
      waitSeconds: 1,
      visibilitySeconds: 30,
      handler: async (event: SQSEvent) => {
        seen.push(...event.Records);
        return { batchItemFailures: event.Records.filter((record) => record.body === 'fails').map((record) => ({ itemIdentifier: record.messageId })) };
      },
    };
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'handled' }));
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'fails' }));
    let received = 0;
    for (let round = 0; round < 5 && received < 2; round += 1) received += await pollOnce(options);
    assert.equal(received, 2);
    assert.deepEqual(seen.map((record) => record.body).sort(), ['fails', 'handled']);
    // The shape Lambda gives a handler: the queue's ARN, the receive count as a string.
    for (const record of seen) {
      assert.equal(record.eventSource, 'aws:sqs');
      assert.equal(record.eventSourceARN, queue.arn);
      assert.equal(record.attributes.ApproximateReceiveCount, '1');
      assert.ok(record.messageId && record.receiptHandle);
    }
    // Only the failed one is left, held until its visibility timeout (the redrive counts it).
    assert.deepEqual(await counts(queue.url), { visible: 0, inFlight: 1 });
  });

  it('answers AWS errors: NotFound for an unknown topic, InvalidParameter for a bad request', async () => {
    const unknown = `arn:aws:sns:${REGION}:${ACCOUNT}:missing-${run}`;
    await assert.rejects(sns.send(new PublishCommand({ TopicArn: unknown, Message: 'x' })), (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(error.name, 'NotFoundException');
      assert.equal(error.$metadata?.httpStatusCode, 404);
      return true;
    });
    const topicArn = await createTopic(`errors-${run}`);
    await assert.rejects(
      sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'carrier-pigeon', Endpoint: 'roof' })),
      { name: 'InvalidParameterException' },
    );
  });
});
