/**
 * The activity consumer's Lambda contract, called directly against the DynamoDB emulator: a batch
 * answers with the ids of exactly the messages it could not handle (partial batch failures), never
 * throws for one bad message or a DynamoDB fault, and stores each event once however often it comes.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { SESSIONS_TABLE_NAME } from '../../scripts/provision';
import { activityHandler } from '../../worker/activity-handler';
import type { SQSEvent, SQSRecord } from '../../worker/sqs-event';
import { emulatorClientConfig, requiredEnv } from './client';
import { startDynamoProxy } from './dynamodb-proxy';

const ACTIVITY_TABLE = requiredEnv('TEST_ACTIVITY_TABLE');
const tables = { ACTIVITY_TABLE, SESSIONS_TABLE: SESSIONS_TABLE_NAME };
const documentClient = (endpoint: string) =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ ...emulatorClientConfig(endpoint), maxAttempts: 1 }), { marshallOptions: { removeUndefinedValues: true } });
const direct = documentClient(requiredEnv('TEST_DYNAMODB_ENDPOINT'));

function taskEvent(userId: string, title: string) {
  return { id: randomUUID(), type: 'task.created', userId, taskId: randomUUID(), version: 1, at: new Date().toISOString(), data: { title } };
}

/** An SQS record as Lambda delivers it. */
function record(body: string, receiveCount = 1): SQSRecord {
  return {
    messageId: randomUUID(),
    receiptHandle: randomUUID(),
    body,
    attributes: { ApproximateReceiveCount: String(receiveCount) },
    messageAttributes: {},
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:events',
    awsRegion: 'us-east-1',
  };
}

async function storedIds(userId: string): Promise<string[]> {
  const { Items = [] } = await direct.send(
    new QueryCommand({ TableName: ACTIVITY_TABLE, KeyConditionExpression: 'user_id = :user', ExpressionAttributeValues: { ':user': userId }, ConsistentRead: true }),
  );
  return Items.map((item) => String(item.sk).split('#')[1]!).sort();
}

const failedIds = (answer: { batchItemFailures: readonly { itemIdentifier: string }[] }) => answer.batchItemFailures.map((failure) => failure.itemIdentifier).sort();

describe('the activity handler (worker/activity-handler.ts) on the DynamoDB emulator', () => {
  after(() => direct.destroy());

  it('returns only the bad message among good ones, stores the good ones, and stores them once when the batch comes again', async () => {
    const userId = randomUUID();
    const events = [taskEvent(userId, 'one'), taskEvent(userId, 'two')];
    const good = events.map((event) => record(JSON.stringify(event)));
    const notJson = record('{ not json');
    const notAnEvent = record(JSON.stringify({ id: 'x', type: 'task.exploded' }));
    const batch: SQSEvent = { Records: [good[0]!, notJson, good[1]!, notAnEvent] };
    const handler = activityHandler({ dynamodb: direct, tables });

    assert.deepEqual(failedIds(await handler(batch)), [notJson.messageId, notAnEvent.messageId].sort());
    assert.deepEqual(await storedIds(userId), events.map((event) => event.id).sort());

    // A redelivery (Lambda retries what a crashed invocation held): the same answer, nothing doubled.
    assert.deepEqual(failedIds(await handler(batch)), [notJson.messageId, notAnEvent.messageId].sort());
    assert.deepEqual(await storedIds(userId), events.map((event) => event.id).sort());
  });

  it('answers a DynamoDB fault with the failed ids instead of throwing; the others are stored', async () => {
    const userId = randomUUID();
    const [refused, accepted] = [taskEvent(userId, 'refused'), taskEvent(userId, 'accepted')];
    let failEverything = false;
    // Throttles the PutItem of one event only (its id is in the request body), or, later, every call.
    const proxy = await startDynamoProxy((operation, body) => {
      if (failEverything) return { refuse: { status: 500, type: 'com.amazonaws.dynamodb.v20120810#InternalServerError' } };
      return operation.endsWith('.PutItem') && body.includes(refused.id)
        ? { refuse: { status: 400, type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException' } }
        : {};
    });
    const throughProxy = documentClient(proxy.url);
    try {
      const handler = activityHandler({ dynamodb: throughProxy, tables });
      const [bad, good] = [record(JSON.stringify(refused), 3), record(JSON.stringify(accepted))];
      assert.deepEqual(failedIds(await handler({ Records: [bad, good] })), [bad.messageId]);
      assert.deepEqual(await storedIds(userId), [accepted.id]);

      // Every call failing (DynamoDB down): the whole batch is named, still not thrown, nothing stored.
      failEverything = true;
      const later = [record(JSON.stringify(taskEvent(userId, 'later'))), record(JSON.stringify(taskEvent(userId, 'later too')))];
      assert.deepEqual(failedIds(await handler({ Records: later })), later.map((item) => item.messageId).sort());
      assert.deepEqual(await storedIds(userId), [accepted.id]);
    } finally {
      throughProxy.destroy();
      await proxy.close();
    }
  });

  it('answers an empty batch with no failures', async () => {
    assert.deepEqual(await activityHandler({ dynamodb: direct, tables })({ Records: [] }), { batchItemFailures: [] });
  });
});
