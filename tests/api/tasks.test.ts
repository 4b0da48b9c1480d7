import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { createUser, isProblem, problemFields, type Session } from './client';

type Task = {
  id: string; title: string; description: string | null; completed: boolean; priority: string;
  dueDate: string | null; createdAt: string; updatedAt: string; version: number; attachments: unknown[];
};
type Page = { items: Task[]; nextCursor: string | null };

async function create(session: Session, json: Record<string, unknown>) {
  const response = await session.request<Task>('/api/tasks', { json });
  assert.equal(response.status, 201, response.text);
  return response;
}

describe('tasks CRUD', () => {
  let session: Session;
  before(async () => {
    ({ session } = await createUser());
  });

  it('creates a task with defaults, Location and ETag', async () => {
    const response = await create(session, { title: '  Buy milk  ' });
    const task = response.body;
    assert.equal(task.title, 'Buy milk');
    assert.equal(task.description, null);
    assert.equal(task.completed, false);
    assert.equal(task.priority, 'medium');
    assert.equal(task.dueDate, null);
    assert.equal(task.version, 1);
    assert.deepEqual(task.attachments, []);
    assert.equal(task.createdAt, task.updatedAt);
    assert.match(task.id, /^[0-9a-f-]{36}$/);
    assert.equal(response.headers.get('location'), `/api/tasks/${task.id}`);
    assert.equal(response.headers.get('etag'), '"1"');

    const fetched = await session.request<Task>(`/api/tasks/${task.id}`);
    assert.equal(fetched.status, 200);
    assert.deepEqual(fetched.body, task);
    assert.equal(fetched.headers.get('etag'), '"1"');
  });

  it('stores every optional field', async () => {
    const { body } = await create(session, { title: 'Dentist', description: 'Bring card', dueDate: '2027-02-28', priority: 'high' });
    assert.equal(body.description, 'Bring card');
    assert.equal(body.dueDate, '2027-02-28');
    assert.equal(body.priority, 'high');
  });

  it('patches partially, toggles completed, clears with null and bumps the version', async () => {
    const { body: task } = await create(session, { title: 'Call mum', description: 'Sunday', dueDate: '2027-01-01' });
    const done = await session.request<Task>(`/api/tasks/${task.id}`, { method: 'PATCH', json: { completed: true } });
    assert.equal(done.status, 200, done.text);
    assert.equal(done.body.completed, true);
    assert.equal(done.body.title, 'Call mum');
    assert.equal(done.body.version, 2);
    assert.equal(done.headers.get('etag'), '"2"');
    assert.ok(done.body.updatedAt >= task.updatedAt);

    const cleared = await session.request<Task>(`/api/tasks/${task.id}`, {
      method: 'PATCH',
      json: { description: null, dueDate: null, priority: 'low', completed: false, title: 'Call dad' },
    });
    assert.equal(cleared.status, 200, cleared.text);
    assert.deepEqual(
      { ...cleared.body, updatedAt: undefined },
      { ...task, title: 'Call dad', description: null, dueDate: null, priority: 'low', completed: false, version: 3, updatedAt: undefined },
    );
  });

  it('answers 412 to a stale If-Match and leaves the task alone', async () => {
    const { body: task } = await create(session, { title: 'Original' });
    const first = await session.request<Task>(`/api/tasks/${task.id}`, { method: 'PATCH', json: { title: 'First' }, headers: { 'if-match': '"1"' } });
    assert.equal(first.status, 200);
    const stale = await session.request(`/api/tasks/${task.id}`, { method: 'PATCH', json: { title: 'Second' }, headers: { 'if-match': '"1"' } });
    assert.equal(stale.status, 412);
    assert.ok(isProblem(stale));
    const garbage = await session.request(`/api/tasks/${task.id}`, { method: 'PATCH', json: { title: 'Third' }, headers: { 'if-match': 'nonsense' } });
    assert.equal(garbage.status, 412);
    const staleDelete = await session.request(`/api/tasks/${task.id}`, { method: 'DELETE', headers: { 'if-match': '"1"' } });
    assert.equal(staleDelete.status, 412);
    const now = await session.request<Task>(`/api/tasks/${task.id}`);
    assert.equal(now.body.title, 'First');
    assert.equal(now.body.version, 2);
  });

  it('deletes, then the task is gone', async () => {
    const { body: task } = await create(session, { title: 'Temporary' });
    const deleted = await session.request(`/api/tasks/${task.id}`, { method: 'DELETE', headers: { 'if-match': '"1"' } });
    assert.equal(deleted.status, 204);
    assert.equal((await session.request(`/api/tasks/${task.id}`)).status, 404);
    assert.equal((await session.request(`/api/tasks/${task.id}`, { method: 'DELETE' })).status, 404);
    assert.equal((await session.request(`/api/tasks/${task.id}`, { method: 'PATCH', json: { title: 'x' } })).status, 404);
  });

  it('lets exactly one of 20 parallel PATCHes with the same If-Match win', async () => {
    const { body: task } = await create(session, { title: 'Race' });
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        session.request(`/api/tasks/${task.id}`, { method: 'PATCH', json: { title: `Writer ${i}` }, headers: { 'if-match': '"1"' } }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 200).length, 1, `statuses: ${statuses.join(',')}`);
    assert.equal(statuses.filter((s) => s === 412).length, 19, `statuses: ${statuses.join(',')}`);
    const final = await session.request<Task>(`/api/tasks/${task.id}`);
    assert.equal(final.body.version, 2);
    const winner = responses.find((r) => r.status === 200)!.body as Task;
    assert.equal(final.body.title, winner.title);
  });

  it('keeps every unconditional parallel PATCH (no lost update)', async () => {
    const { body: task } = await create(session, { title: 'Counter' });
    const responses = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        session.request(`/api/tasks/${task.id}`, { method: 'PATCH', json: { description: `note ${i}` } }),
      ),
    );
    const ok = responses.filter((r) => r.status === 200).length;
    const final = await session.request<Task>(`/api/tasks/${task.id}`);
    assert.equal(final.body.version, 1 + ok, 'every successful write bumped the version once');
    for (const r of responses) assert.ok(r.status === 200 || r.status === 412, `unexpected ${r.status}`);
  });
});

describe('task validation', () => {
  let session: Session;
  let taskId: string;
  before(async () => {
    ({ session } = await createUser());
    taskId = (await create(session, { title: 'Valid' })).body.id;
  });

  const invalidCreates: [string, unknown, string][] = [
    ['empty title', { title: '' }, 'title'],
    ['blank title', { title: '   ' }, 'title'],
    ['long title', { title: 'x'.repeat(201) }, 'title'],
    ['missing title', { description: 'x' }, 'title'],
    ['number title', { title: 42 }, 'title'],
    ['long description', { title: 'ok', description: 'x'.repeat(2001) }, 'description'],
    ['impossible date', { title: 'ok', dueDate: '2026-02-30' }, 'dueDate'],
    ['badly formatted date', { title: 'ok', dueDate: '30/01/2026' }, 'dueDate'],
    ['datetime as date', { title: 'ok', dueDate: '2026-01-30T10:00:00Z' }, 'dueDate'],
    ['unknown priority', { title: 'ok', priority: 'urgent' }, 'priority'],
    ['unknown field', { title: 'ok', owner: 'someone-else' }, 'owner'],
    ['client-chosen id', { title: 'ok', id: randomUUID() }, 'id'],
    ['client-chosen completed', { title: 'ok', completed: true }, 'completed'],
  ];
  for (const [name, body, field] of invalidCreates) {
    it(`rejects a create with ${name}`, async () => {
      const response = await session.request('/api/tasks', { json: body });
      assert.equal(response.status, 400, response.text);
      assert.ok(isProblem(response));
      assert.ok(problemFields(response).includes(field), `fields: ${problemFields(response).join(',')}`);
    });
  }

  it('accepts exactly 200 title characters and 2000 description characters', async () => {
    const response = await create(session, { title: 't'.repeat(200), description: 'd'.repeat(2000) });
    assert.equal(response.body.title.length, 200);
  });

  const invalidPatches: [string, unknown][] = [
    ['an empty patch', {}],
    ['a null title', { title: null }],
    ['a null priority', { priority: null }],
    ['a string completed', { completed: 'yes' }],
    ['an unknown field', { version: 99 }],
    ['an array body', [{ title: 'x' }]],
  ];
  for (const [name, body] of invalidPatches) {
    it(`rejects ${name} and leaves the task unchanged`, async () => {
      const response = await session.request(`/api/tasks/${taskId}`, { method: 'PATCH', json: body });
      assert.equal(response.status, 400, response.text);
      assert.ok(isProblem(response));
      const task = await session.request<Task>(`/api/tasks/${taskId}`);
      assert.equal(task.body.version, 1);
      assert.equal(task.body.title, 'Valid');
    });
  }

  it('answers 404 for ids that are not task ids', async () => {
    for (const id of ['not-a-uuid', '..%2F..%2Fetc', '%00', randomUUID(), 'x'.repeat(500)]) {
      const response = await session.request(`/api/tasks/${id}`);
      assert.equal(response.status, 404, `${id}: ${response.status}`);
      assert.ok(isProblem(response));
    }
  });

  it('rejects bad list queries with 400', async () => {
    for (const query of ['limit=0', 'limit=101', 'limit=abc', 'limit=1.5', 'status=finished', 'cursor=garbage', 'unknown=1', `q=${'x'.repeat(201)}`]) {
      const response = await session.request(`/api/tasks?${query}`);
      assert.equal(response.status, 400, `${query}: ${response.status}`);
      assert.ok(isProblem(response));
    }
  });

  it('requires a session', async () => {
    const { Session: Anonymous } = await import('./client');
    const anonymous = new Anonymous();
    assert.equal((await anonymous.request('/api/tasks')).status, 401);
    assert.equal((await anonymous.request('/api/tasks', { json: { title: 'x' } })).status, 401);
    assert.equal((await anonymous.request(`/api/tasks/${taskId}`)).status, 401);
  });
});

describe('task isolation between users', () => {
  it("gives B a 404 for every operation on A's task and leaves it unchanged", async () => {
    const a = await createUser();
    const b = await createUser();
    const { body: task } = await create(a.session, { title: "A's secret", description: 'private' });
    assert.equal((await b.session.request(`/api/tasks/${task.id}`)).status, 404);
    assert.equal((await b.session.request(`/api/tasks/${task.id}`, { method: 'PATCH', json: { title: 'hacked' } })).status, 404);
    assert.equal((await b.session.request(`/api/tasks/${task.id}`, { method: 'PATCH', json: { title: 'hacked' }, headers: { 'if-match': '"1"' } })).status, 404);
    assert.equal((await b.session.request(`/api/tasks/${task.id}`, { method: 'DELETE' })).status, 404);
    const list = await b.session.request<Page>('/api/tasks?q=secret');
    assert.deepEqual(list.body.items, []);
    const still = await a.session.request<Task>(`/api/tasks/${task.id}`);
    assert.deepEqual(still.body, task);
  });

  it("rejects A's cursor when B presents it", async () => {
    const a = await createUser();
    const b = await createUser();
    for (let i = 0; i < 3; i += 1) await create(a.session, { title: `a${i}` });
    const page = await a.session.request<Page>('/api/tasks?limit=1');
    assert.ok(page.body.nextCursor);
    const stolen = await b.session.request(`/api/tasks?limit=1&cursor=${encodeURIComponent(page.body.nextCursor)}`);
    assert.equal(stolen.status, 400);
    assert.ok(isProblem(stolen));
  });
});
