/**
 * An event still in the queue when its author deletes their account is dropped by the activity consumer, so the
 * deleted account's activity does not come back after its data was removed.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { waitForActivity } from './activity-helpers';
import { createUser, emulatorClientConfig, requiredEnv } from './client';

function event(userId: string, title: string, at: string) {
  return { id: randomUUID(), type: 'task.created', userId, taskId: randomUUID(), version: 1, at, data: { title } };
}

describe('events of a deleted account', () => {
  it('are dropped by the consumer, while others go on being stored', async () => {
    const leaving = await createUser();
    const staying = await createUser();
    const id = async (user: typeof leaving) => ((await user.session.request<{ user: { id: string } }>('/api/auth/me')).body.user.id);
    const [leavingId, stayingId] = [await id(leaving), await id(staying)];
    const before = new Date().toISOString();
    assert.equal((await leaving.session.request('/api/auth/me', { method: 'DELETE' })).status, 204);

    const sqs = new SQSClient(emulatorClientConfig(requiredEnv('TEST_SQS_ENDPOINT')));
    const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient(emulatorClientConfig(requiredEnv('TEST_DYNAMODB_ENDPOINT'))));
    try {
      const queueUrl = requiredEnv('TEST_QUEUE_URL');
      // Made before the deletion, delivered after it: what a slow queue does.
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(event(leavingId, 'in flight', before)) }));
      const marker = event(stayingId, 'marker', new Date().toISOString());
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(marker) }));
      await waitForActivity(staying.session, (items) => items.some((item) => item.id === marker.id));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const { Items = [] } = await dynamo.send(
        new QueryCommand({ TableName: requiredEnv('TEST_ACTIVITY_TABLE'), KeyConditionExpression: 'user_id = :user', ExpressionAttributeValues: { ':user': leavingId } }),
      );
      assert.deepEqual(Items, [], 'nothing of the deleted account was stored');
    } finally {
      sqs.destroy();
      dynamo.destroy();
    }
  });
});
