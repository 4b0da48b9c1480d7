/**
 * `Idempotency-Key` on creations (SPEC §6.4): the same key and body give the first answer again and
 * create nothing twice, even when sent at the same moment; the same key with another body is 422.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { createUser, isProblem } from './client';

type Task = { id: string; title: string };

describe('Idempotency-Key', () => {
  it('replays the first answer for the same key and body, and creates one task', async () => {
    const { session } = await createUser();
    const key = randomUUID();
    const send = () => session.request<Task>('/api/tasks', { json: { title: 'Exactly once' }, headers: { 'idempotency-key': key } });
    const first = await send();
    assert.equal(first.status, 201, first.text);
    const again = await send();
    assert.equal(again.status, 201);
    assert.deepEqual(again.body, first.body);
    assert.equal(again.headers.get('location'), first.headers.get('location'));
    assert.equal(again.headers.get('etag'), first.headers.get('etag'));
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    const listed = await session.request<{ items: Task[] }>('/api/tasks?q=exactly%20once');
    assert.deepEqual(listed.body.items.map((task) => task.id), [first.body.id]);
  });

  it('answers 422 to the same key with another body, and nothing is created for it', async () => {
    const { session } = await createUser();
    const key = randomUUID();
    assert.equal((await session.request('/api/lists', { json: { name: 'First' }, headers: { 'idempotency-key': key } })).status, 201);
    const other = await session.request('/api/lists', { json: { name: 'Second' }, headers: { 'idempotency-key': key } });
    assert.equal(other.status, 422, other.text);
    assert.ok(isProblem(other));
    const lists = await session.request<{ items: { name: string }[] }>('/api/lists');
    assert.deepEqual(lists.body.items.map((list) => list.name).filter((name) => name !== 'Inbox'), ['First']);
  });

  it('ten copies at once create one task: one 201 and replays or "still in progress" 409s', async () => {
    const { session } = await createUser();
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => session.request<Task>('/api/tasks', { json: { title: 'Raced once' }, headers: { 'idempotency-key': key } })),
    );
    const statuses = answers.map((answer) => answer.status);
    assert.ok(statuses.every((status) => status === 201 || status === 409), statuses.join(','));
    const listed = await session.request<{ items: Task[] }>('/api/tasks?q=raced%20once');
    assert.equal(listed.body.items.length, 1);
    const ids = new Set(answers.filter((answer) => answer.status === 201).map((answer) => answer.body.id));
    assert.deepEqual([...ids], [listed.body.items[0]!.id]);
  });

  it('keys are per person and a bad key is 400; a request that failed may be sent again with its key', async () => {
    const alice = await createUser();
    const bob = await createUser();
    const key = randomUUID();
    assert.equal((await alice.session.request('/api/tasks', { json: { title: 'Alice' }, headers: { 'idempotency-key': key } })).status, 201);
    assert.equal((await bob.session.request('/api/tasks', { json: { title: 'Bob' }, headers: { 'idempotency-key': key } })).status, 201, 'the same key of someone else');
    assert.equal((await alice.session.request('/api/tasks', { json: { title: 'x' }, headers: { 'idempotency-key': 'has space' } })).status, 400);
    const failing = randomUUID();
    assert.equal((await alice.session.request('/api/tasks', { json: { title: '' }, headers: { 'idempotency-key': failing } })).status, 400);
    assert.equal((await alice.session.request('/api/tasks', { json: { title: 'Fixed' }, headers: { 'idempotency-key': failing } })).status, 201, 'a 400 keeps nothing');
  });
});
