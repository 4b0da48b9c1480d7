/**
 * An import whose writes fail midway leaves nothing behind that anyone can see: a proxy in front of
 * DynamoDB refuses the PutItem of one task (an error DynamoDB could give, which the SDK does not
 * retry) after the import has written a whole new list and part of the Inbox's tasks. The answer is a
 * 500, the lists and tasks are as before, and the tasks that were written are gone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { emulatorClientConfig, requiredEnv } from './client';
import { startDynamoProxy, type DynamoProxy } from './dynamodb-proxy';
import { allTasks, createTask, lists, person } from './lists-helpers';
import { startSecondApp, type SecondApp } from './second-app';

const FAILING_TITLE = 'Fails midway';
const task = (title: string, position: string) => ({
  title, description: null, priority: 'medium', dueDate: null, dueTime: null, tags: ['moved'], subtasks: [], position, completed: false, completedAt: null, createdAt: '2026-11-01T00:00:00.000Z',
});
const exportDocument = {
  format: 'todoer-export',
  version: 1,
  exportedAt: '2026-12-01T00:00:00.000Z',
  note: '',
  lists: [
    { name: 'Inbox', color: null, position: '0', inbox: true, tasks: [task('Written first', 'a0'), task('Written too', 'a1'), task(FAILING_TITLE, 'a2')] },
    { name: 'Whole list', color: null, position: 'a0', inbox: false, tasks: [task('In the new list', 'a0'), task('Also in it', 'a1')] },
  ],
};

describe('an import that fails midway', () => {
  let proxy: DynamoProxy;
  let app: SecondApp;
  let refused = 0;

  before(async () => {
    proxy = await startDynamoProxy((operation, body) => {
      if (operation !== 'DynamoDB_20120810.PutItem' || !body.includes(`"${FAILING_TITLE}"`) || body.includes('"deleted"')) return {};
      refused += 1;
      return { refuse: { status: 400, type: 'com.amazon.coral.validate#ValidationException' } };
    });
    app = await startSecondApp({ dynamodb: proxy.url });
  });

  after(async () => {
    await app?.service.stop();
    await proxy?.close();
  });

  it('answers 500 and leaves the lists, the tasks and the stored items as they were', async () => {
    const owner = await person();
    const kept = await createTask(owner.session, { title: 'Here before' });
    const before = { lists: await lists(owner.session), tasks: await allTasks(owner.session, 'status=all') };
    const token = [...owner.session.cookies].find(([name]) => /_at$/.test(name))![1];
    const answer = await fetch(`${app.url}/api/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${decodeURIComponent(token)}`, 'content-type': 'application/json' },
      body: JSON.stringify(exportDocument),
    });
    assert.equal(answer.status, 500, await answer.clone().text());
    assert.equal(refused, 1, 'the failing task was refused once, not retried');

    assert.deepEqual({ lists: await lists(owner.session), tasks: await allTasks(owner.session, 'status=all') }, before);
    const documents = DynamoDBDocumentClient.from(new DynamoDBClient(emulatorClientConfig(requiredEnv('TEST_DYNAMODB_ENDPOINT'))));
    const { Items = [] } = await documents.send(
      new QueryCommand({ TableName: requiredEnv('TEST_TABLE'), KeyConditionExpression: 'user_id = :user', ExpressionAttributeValues: { ':user': owner.id }, ConsistentRead: true }),
    );
    const live = Items.filter((item) => item.deleted !== true).map((item) => item.todo_id);
    assert.deepEqual(live, [kept.id], 'only the task from before is stored; the imported ones were removed');
  });
});
