/**
 * scripts/migrate.ts against the running stack's DynamoDB: tasks and activity stored before lists
 * existed (no list_id, the old per-user task_key) move into their creator's Inbox, the app then serves
 * them like any other task, and a second run changes nothing.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { migrate } from '../../scripts/migrate';
import { createUser, emulatorClientConfig, requiredEnv } from './client';

type Task = { id: string; listId: string; title: string; completed: boolean; completedAt: string | null; position: string };
type List = { id: string; inbox: boolean; counts: { open: number } };

const tables = () => ({ todos: requiredEnv('TEST_TABLE'), lists: requiredEnv('TEST_LISTS_TABLE'), activity: requiredEnv('TEST_ACTIVITY_TABLE') });

function documents() {
  return DynamoDBDocumentClient.from(new DynamoDBClient(emulatorClientConfig(requiredEnv('TEST_DYNAMODB_ENDPOINT'))));
}

/** What version 1 stored: the SPEC §3 attributes and nothing of lists. */
function legacyTask(userId: string, n: number, completed: boolean) {
  const at = new Date(Date.UTC(2026, 0, 1, 9, n)).toISOString();
  return {
    user_id: userId,
    todo_id: randomUUID(),
    title: `Old task ${n}`,
    completed,
    priority: 'medium',
    createdAt: at,
    updatedAt: at,
    version: 3,
    attachments: [],
    search_text: `old task ${n}\n`,
  };
}

describe('migration: data from before lists', () => {
  it("moves old tasks and their activity into the creator's Inbox, served by the API, and is idempotent", async () => {
    const { session } = await createUser();
    const me = await session.request<{ user: { id: string } }>('/api/auth/me');
    const userId = me.body.user.id;
    const client = documents();
    try {
      const old = [legacyTask(userId, 1, false), legacyTask(userId, 2, true), legacyTask(userId, 3, false)];
      const entry = {
        user_id: userId,
        sk: `2026-01-01T09:01:00.000Z#${randomUUID()}`,
        task_key: `${userId}#${old[0]!.todo_id}`,
        event_id: randomUUID(),
        type: 'task.created',
        task_id: old[0]!.todo_id,
        version: 1,
        at: '2026-01-01T09:01:00.000Z',
        data: { title: 'Old task 1' },
        expires_at: 2_000_000_000,
      };
      await client.send(new BatchWriteCommand({ RequestItems: { [tables().todos]: old.map((Item) => ({ PutRequest: { Item } })) } }));
      await client.send(new BatchWriteCommand({ RequestItems: { [tables().activity]: [{ PutRequest: { Item: entry } }] } }));

      const first = await migrate(client, tables());
      assert.ok(first.tasks >= 3, `migrated ${first.tasks} tasks`);

      const lists = await session.request<{ items: List[] }>('/api/lists');
      assert.equal(lists.status, 200, lists.text);
      const inbox = lists.body.items.find((list) => list.inbox);
      assert.ok(inbox, 'the Inbox exists');
      assert.equal(inbox.counts.open, 2, 'the two open old tasks count in the Inbox');

      const tasks = await session.request<{ items: Task[] }>(`/api/tasks?listId=${inbox.id}&limit=100`);
      assert.equal(tasks.status, 200, tasks.text);
      assert.deepEqual(tasks.body.items.map((task) => task.title).sort(), ['Old task 1', 'Old task 2', 'Old task 3']);
      assert.ok(tasks.body.items.every((task) => task.listId === inbox.id && task.position.length > 0));
      assert.ok(tasks.body.items.find((task) => task.title === 'Old task 2')?.completedAt, 'a done task gets a completion time');
      // Manual order follows age: the oldest open task first.
      const open = await session.request<{ items: Task[] }>(`/api/tasks?listId=${inbox.id}&status=open`);
      assert.deepEqual(open.body.items.map((task) => task.title), ['Old task 1', 'Old task 3']);

      const activity = await session.request<{ items: { id: string }[] }>(`/api/activity?taskId=${old[0]!.todo_id}`);
      assert.equal(activity.status, 200, activity.text);
      assert.deepEqual(activity.body.items.map((item) => item.id), [entry.event_id]);
      const stored = await client.send(new GetCommand({ TableName: tables().activity, Key: { user_id: userId, sk: entry.sk } }));
      assert.equal(stored.Item?.list_id, inbox.id);

      const before = await client.send(new GetCommand({ TableName: tables().todos, Key: { user_id: userId, todo_id: old[0]!.todo_id } }));
      const storedBefore = stored.Item;
      await migrate(client, tables());
      const after = await client.send(new GetCommand({ TableName: tables().todos, Key: { user_id: userId, todo_id: old[0]!.todo_id } }));
      const storedAfter = await client.send(new GetCommand({ TableName: tables().activity, Key: { user_id: userId, sk: entry.sk } }));
      assert.deepEqual(after.Item, before.Item, 'a second run leaves migrated tasks as they are');
      assert.deepEqual(storedAfter.Item, storedBefore, 'and migrated activity too');
    } finally {
      client.destroy();
    }
  });
});
