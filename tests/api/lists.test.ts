/**
 * Lists (SPEC §6.1) for one person: the Inbox every account has, creating, reading, renaming, ordering
 * and deleting lists, validation, and tasks living in lists (default Inbox, listId filter, moves).
 * Sharing between people: sharing.test.ts. Reads proportional to the page: lists-scale.test.ts.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { generateKeyBetween } from 'fractional-indexing';
import { wallClock } from '../../lib/time-zone';
import { createUser, isProblem, problemFields, Session } from './client';
import {
  allTasks,
  assertProblem,
  assertStatus,
  createList,
  createTask,
  getList,
  getTask,
  inboxOf,
  lists,
  members,
  person,
  problemIdentity,
  type Items,
  type List,
  type Page,
  type Task,
} from './lists-helpers';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

describe('lists: the Inbox', () => {
  it('a new account has exactly one list, its Inbox, from its first request', async () => {
    const me = await person();
    const response = await me.session.request<Items<List>>('/api/lists');
    assertStatus(response, 200);
    assert.equal(response.body.items.length, 1, response.text);
    const inbox = response.body.items[0]!;
    assert.equal(inbox.name, 'Inbox');
    assert.equal(inbox.inbox, true);
    assert.equal(inbox.role, 'owner');
    assert.equal(inbox.ownerId, me.id);
    assert.equal(inbox.shared, false);
    assert.deepEqual(inbox.counts, { open: 0, overdue: 0 });
    assert.equal(typeof inbox.position, 'string');
    assert.ok(Number.isInteger(inbox.version) && inbox.version >= 1, `version ${inbox.version}`);
    assert.match(inbox.createdAt, ISO);
    assert.match(inbox.updatedAt, ISO);
    assert.ok(inbox.color === null || /^#[0-9a-f]{6}$/i.test(inbox.color), `color ${inbox.color}`);

    const fetched = await getList(me.session, inbox.id);
    assertStatus(fetched, 200);
    assert.deepEqual(fetched.body, inbox, 'GET /api/lists/:id answers the same List');
    assert.deepEqual(await members(me.session, inbox.id), [{ userId: me.id, email: me.email, name: 'Test Person', role: 'owner' }]);
  });

  it('parallel first requests of a new account make one Inbox, the default of every new task', async () => {
    const { session } = await createUser();
    const [listings, tasks] = await Promise.all([
      Promise.all(Array.from({ length: 4 }, () => session.request<Items<List>>('/api/lists'))),
      Promise.all(Array.from({ length: 4 }, (_, i) => session.request<Task>('/api/tasks', { json: { title: `First ${i}` } }))),
    ]);
    for (const listing of listings) assertStatus(listing, 200);
    for (const task of tasks) assertStatus(task, 201);
    const inboxIds = new Set([...listings.flatMap((l) => l.body.items.map((list) => list.id)), ...tasks.map((t) => t.body.listId)]);
    assert.equal(inboxIds.size, 1, `one Inbox, got ${[...inboxIds].join(', ')}`);
    const after = await lists(session);
    assert.equal(after.length, 1);
    assert.equal(after[0]!.inbox, true);
    assert.deepEqual(after[0]!.counts, { open: 4, overdue: 0 });
  });

  it('the Inbox cannot be renamed (409) or deleted (409), and stays as it was', async () => {
    const me = await person();
    const inbox = await inboxOf(me.session);
    assertProblem(await me.session.request(`/api/lists/${inbox.id}`, { method: 'PATCH', json: { name: 'Mine' } }), 409, 'rename Inbox');
    assertProblem(await me.session.request(`/api/lists/${inbox.id}`, { method: 'DELETE' }), 409, 'delete Inbox');
    const after = await inboxOf(me.session);
    assert.equal(after.id, inbox.id);
    assert.equal(after.name, 'Inbox');
    assert.equal(after.version, inbox.version);
  });

  it('the Inbox cannot be shared (409)', async () => {
    const me = await person();
    const inbox = await inboxOf(me.session);
    const response = await me.session.request(`/api/lists/${inbox.id}/invitations`, { json: { email: 'friend@example.test', role: 'editor' } });
    assertProblem(response, 409);
  });
});

describe('lists: create, read, rename, delete', () => {
  it('creates a list: 201 List with Location and ETag, trimmed name, listed after the Inbox', async () => {
    const me = await person();
    const response = await me.session.request<List>('/api/lists', { json: { name: '  Groceries  ', color: '#1a73e8' } });
    assertStatus(response, 201);
    const list = response.body;
    assert.match(list.id, /^[0-9a-f-]{36}$/);
    assert.equal(list.name, 'Groceries');
    assert.equal(list.color, '#1a73e8');
    assert.equal(list.inbox, false);
    assert.equal(list.role, 'owner');
    assert.equal(list.ownerId, me.id);
    assert.equal(list.shared, false);
    assert.deepEqual(list.counts, { open: 0, overdue: 0 });
    assert.equal(typeof list.position, 'string');
    assert.ok(Number.isInteger(list.version));
    assert.match(list.createdAt, ISO);
    assert.equal(list.createdAt, list.updatedAt);
    assert.equal(response.headers.get('location'), `/api/lists/${list.id}`);
    assert.equal(response.headers.get('etag'), `"${list.version}"`);

    const fetched = await getList(me.session, list.id);
    assertStatus(fetched, 200);
    assert.deepEqual(fetched.body, list);
    const all = await lists(me.session);
    assert.deepEqual(all.map((l) => l.name), ['Inbox', 'Groceries']);
    assert.deepEqual(all[1], list);
  });

  it('a colour is optional (null) and new lists go after the existing ones', async () => {
    const me = await person();
    const a = await createList(me.session, 'A');
    assert.equal(a.color, null);
    const b = await createList(me.session, 'B', null);
    assert.equal(b.color, null);
    const c = await createList(me.session, 'C', '#00AA11');
    assert.equal(c.color?.toLowerCase(), '#00aa11');
    assert.deepEqual((await lists(me.session)).map((l) => l.name), ['Inbox', 'A', 'B', 'C']);
  });

  it('accepts a 100-character name and a name with emoji and markup, stored as sent', async () => {
    const me = await person();
    assert.equal((await createList(me.session, 'n'.repeat(100))).name.length, 100);
    const odd = '<b>Trip</b> 🏕️ & "friends"';
    const list = await createList(me.session, odd);
    assert.equal(list.name, odd);
    assert.equal((await getList(me.session, list.id)).body.name, odd);
  });

  const invalidCreates: [string, unknown, string][] = [
    ['an empty name', { name: '' }, 'name'],
    ['a blank name', { name: '   ' }, 'name'],
    ['a 101-character name', { name: 'x'.repeat(101) }, 'name'],
    ['no name', { color: '#112233' }, 'name'],
    ['a number name', { name: 7 }, 'name'],
    ['a colour name', { name: 'ok', color: 'red' }, 'color'],
    ['a short hex colour', { name: 'ok', color: '#fff' }, 'color'],
    ['a non-hex colour', { name: 'ok', color: '#12345g' }, 'color'],
    ['a number colour', { name: 'ok', color: 123456 }, 'color'],
    ['a client-chosen inbox flag', { name: 'ok', inbox: true }, 'inbox'],
    ['a client-chosen owner', { name: 'ok', ownerId: randomUUID() }, 'ownerId'],
    ['a client-chosen role', { name: 'ok', role: 'viewer' }, 'role'],
  ];
  for (const [what, json, field] of invalidCreates) {
    it(`rejects a create with ${what} (400 naming ${field}) and creates nothing`, async () => {
      const me = await person();
      const response = await me.session.request('/api/lists', { json });
      assertProblem(response, 400);
      assert.ok(problemFields(response).includes(field), `fields: ${problemFields(response).join(',')} in ${response.text}`);
      assert.deepEqual((await lists(me.session)).map((l) => l.name), ['Inbox']);
    });
  }

  it('rejects a body that is not a JSON object (400, or 415 without a JSON content type)', async () => {
    const me = await person();
    assertProblem(await me.session.request('/api/lists', { json: ['name'] }), 400, 'array');
    assertProblem(await me.session.request('/api/lists', { body: '{"name":', headers: { 'content-type': 'application/json' } }), 400, 'broken JSON');
    assertProblem(await me.session.request('/api/lists', { body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'form');
  });

  it('renames and recolours with If-Match: 200, version and ETag bumped; a stale If-Match is 412 and changes nothing', async () => {
    const me = await person();
    const list = await createList(me.session, 'Draft');
    const etag = `"${list.version}"`;
    const renamed = await me.session.request<List>(`/api/lists/${list.id}`, {
      method: 'PATCH',
      json: { name: '  Final  ', color: '#abcdef' },
      headers: { 'if-match': etag },
    });
    assertStatus(renamed, 200);
    assert.equal(renamed.body.name, 'Final');
    assert.equal(renamed.body.color, '#abcdef');
    assert.equal(renamed.body.version, list.version + 1);
    assert.equal(renamed.headers.get('etag'), `"${list.version + 1}"`);
    assert.ok(renamed.body.updatedAt >= list.updatedAt);
    assert.equal(renamed.body.createdAt, list.createdAt);

    const stale = await me.session.request(`/api/lists/${list.id}`, { method: 'PATCH', json: { name: 'Lost' }, headers: { 'if-match': etag } });
    assertProblem(stale, 412);
    const garbage = await me.session.request(`/api/lists/${list.id}`, { method: 'PATCH', json: { name: 'Lost' }, headers: { 'if-match': 'nonsense' } });
    assertProblem(garbage, 412);
    const now = await getList(me.session, list.id);
    assert.equal(now.body.name, 'Final');
    assert.equal(now.body.version, list.version + 1);

    const cleared = await me.session.request<List>(`/api/lists/${list.id}`, { method: 'PATCH', json: { color: null } });
    assertStatus(cleared, 200);
    assert.equal(cleared.body.color, null);
    assert.equal(cleared.body.name, 'Final');
  });

  it('exactly one of 10 parallel renames with the same If-Match wins', async () => {
    const me = await person();
    const list = await createList(me.session, 'Race');
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        me.session.request<List>(`/api/lists/${list.id}`, { method: 'PATCH', json: { name: `Writer ${i}` }, headers: { 'if-match': `"${list.version}"` } }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 200).length, 1, statuses.join(','));
    assert.equal(statuses.filter((s) => s === 412).length, 9, statuses.join(','));
    const winner = responses.find((r) => r.status === 200)!.body;
    const now = await getList(me.session, list.id);
    assert.equal(now.body.name, winner.name);
    assert.equal(now.body.version, list.version + 1);
  });

  const invalidPatches: [string, unknown, string | null][] = [
    ['an empty patch', {}, null],
    ['an empty name', { name: '' }, 'name'],
    ['a null name', { name: null }, 'name'],
    ['a 101-character name', { name: 'y'.repeat(101) }, 'name'],
    ['a colour word', { color: 'blue' }, 'color'],
    ['a number position', { position: 5 }, 'position'],
    ['a position no key can be placed around', { position: 'a10' }, 'position'],
    ['an inbox flag', { inbox: true }, 'inbox'],
    ['a version', { version: 99 }, 'version'],
    ['an array body', [{ name: 'x' }], null],
  ];
  for (const [what, json, field] of invalidPatches) {
    it(`rejects a PATCH with ${what} (400) and leaves the list unchanged`, async () => {
      const me = await person();
      const list = await createList(me.session, 'Keep', '#123456');
      const response = await me.session.request(`/api/lists/${list.id}`, { method: 'PATCH', json });
      assertProblem(response, 400);
      if (field) assert.ok(problemFields(response).includes(field), `fields: ${problemFields(response).join(',')} in ${response.text}`);
      assert.deepEqual((await getList(me.session, list.id)).body, list);
    });
  }

  it('orders lists by the position the person sets; the Inbox stays first', async () => {
    const me = await person();
    const a = await createList(me.session, 'A');
    await createList(me.session, 'B');
    const c = await createList(me.session, 'C');
    const setPosition = async (id: string, position: string) => {
      const response = await me.session.request<List>(`/api/lists/${id}`, { method: 'PATCH', json: { position } });
      assertStatus(response, 200, `PATCH position ${position}`);
      assert.equal(response.body.position, position);
      return response.body;
    };
    // C before A, the first of the rest.
    const movedC = await setPosition(c.id, generateKeyBetween(null, a.position));
    assert.equal(movedC.name, 'C');
    assert.deepEqual((await lists(me.session)).map((l) => l.name), ['Inbox', 'C', 'A', 'B']);
    // A after everything.
    const current = await lists(me.session);
    await setPosition(a.id, generateKeyBetween(current.at(-1)!.position, null));
    const final = await lists(me.session);
    assert.deepEqual(final.map((l) => l.name), ['Inbox', 'C', 'B', 'A']);
    const rest = final.slice(1).map((l) => l.position);
    assert.deepEqual(rest, [...rest].sort(), 'positions ascend after the Inbox');
  });

  it('deletes a list: 204, then it and its tasks are 404 and it leaves GET /api/lists', async () => {
    const me = await person();
    const keep = await createList(me.session, 'Keep');
    const doomed = await createList(me.session, 'Doomed');
    const tasks = await Promise.all([1, 2, 3].map((i) => createTask(me.session, { title: `Doomed ${i}`, listId: doomed.id })));
    const kept = await createTask(me.session, { title: 'Kept', listId: keep.id });
    assert.equal((await me.session.request(`/api/lists/${doomed.id}`, { method: 'DELETE' })).status, 204);

    assertProblem(await getList(me.session, doomed.id), 404, 'GET deleted list');
    for (const task of tasks) assertProblem(await getTask(me.session, task.id), 404, 'GET task of deleted list');
    assertProblem(await me.session.request(`/api/tasks?listId=${doomed.id}`), 404, 'GET /api/tasks?listId= of deleted list');
    assertProblem(await me.session.request(`/api/lists/${doomed.id}`, { method: 'DELETE' }), 404, 'DELETE again');
    assertProblem(await me.session.request(`/api/lists/${doomed.id}`, { method: 'PATCH', json: { name: 'Back' } }), 404, 'PATCH deleted list');
    assertProblem(await me.session.request(`/api/lists/${doomed.id}/members`), 404, 'members of deleted list');
    assertProblem(await me.session.request('/api/tasks', { json: { title: 'late', listId: doomed.id } }), 404, 'create in deleted list');
    assert.deepEqual((await lists(me.session)).map((l) => l.name), ['Inbox', 'Keep']);
    assert.deepEqual((await allTasks(me.session, '')).map((t) => t.id), [kept.id], 'GET /api/tasks no longer has its tasks');
  });
});

describe('lists: who may see them', () => {
  it("another person gets the same 404 for someone's list as for an unknown or malformed id", async () => {
    const alice = await person();
    const bob = await person();
    const list = await createList(alice.session, 'Private');
    const inbox = await inboxOf(alice.session);
    const unknown = await getList(bob.session, randomUUID());
    assertProblem(unknown, 404, 'unknown id');
    for (const id of [list.id, inbox.id, 'not-a-uuid', 'x'.repeat(300), '..%2F..%2Fetc', '%00']) {
      const response = await getList(bob.session, id);
      assertProblem(response, 404, id);
      assert.deepEqual(problemIdentity(response), problemIdentity(unknown), `${id}: identical to an unknown id`);
    }
    assert.deepEqual((await lists(bob.session)).map((l) => l.name), ['Inbox'], "Bob's lists hold only his own Inbox");
  });

  it("every operation on someone else's list is 404 and changes nothing", async () => {
    const alice = await person();
    const bob = await person();
    const list = await createList(alice.session, 'Private');
    const task = await createTask(alice.session, { title: 'Secret', listId: list.id });
    const base = `/api/lists/${list.id}`;
    assertProblem(await bob.session.request(base, { method: 'PATCH', json: { name: 'Hacked' } }), 404, 'PATCH');
    assertProblem(await bob.session.request(base, { method: 'PATCH', json: { position: 'a0' } }), 404, 'PATCH position');
    assertProblem(await bob.session.request(base, { method: 'PATCH', json: { name: 'Hacked' }, headers: { 'if-match': `"${list.version}"` } }), 404, 'PATCH If-Match');
    assertProblem(await bob.session.request(base, { method: 'DELETE' }), 404, 'DELETE');
    assertProblem(await bob.session.request(`${base}/members`), 404, 'members');
    assertProblem(await bob.session.request(`${base}/members/${alice.id}`, { method: 'PATCH', json: { role: 'viewer' } }), 404, 'member PATCH');
    assertProblem(await bob.session.request(`${base}/members/${alice.id}`, { method: 'DELETE' }), 404, 'member DELETE');
    assertProblem(await bob.session.request(`${base}/invitations`, { json: { email: bob.email, role: 'editor' } }), 404, 'invite self');
    assertProblem(await bob.session.request(`/api/tasks?listId=${list.id}`), 404, 'tasks of the list');
    assertProblem(await bob.session.request('/api/tasks', { json: { title: 'Intruder', listId: list.id } }), 404, 'create a task in it');
    assertProblem(await bob.session.request(`/api/activity?listId=${list.id}`), 404, 'activity of the list');
    assertProblem(await getTask(bob.session, task.id), 404, 'its task');

    assert.deepEqual((await getList(alice.session, list.id)).body, { ...list, counts: { open: 1, overdue: 0 } });
    assert.deepEqual((await members(alice.session, list.id)).map((m) => m.userId), [alice.id]);
    assert.deepEqual((await allTasks(alice.session, `listId=${list.id}`)).map((t) => t.id), [task.id]);
  });

  it('requires a session', async () => {
    const me = await person();
    const list = await createList(me.session, 'Mine');
    const anonymous = new Session();
    for (const [path, method] of [
      ['/api/lists', 'GET'],
      ['/api/lists', 'POST'],
      [`/api/lists/${list.id}`, 'GET'],
      [`/api/lists/${list.id}`, 'PATCH'],
      [`/api/lists/${list.id}`, 'DELETE'],
      [`/api/lists/${list.id}/members`, 'GET'],
      [`/api/lists/${list.id}/invitations`, 'POST'],
      ['/api/invitations', 'GET'],
      [`/api/invitations/${randomUUID()}/accept`, 'POST'],
    ] as const) {
      const json = method === 'POST' || method === 'PATCH' ? { name: 'x' } : undefined;
      const response = await anonymous.request(path, { method, json });
      assertProblem(response, 401, `${method} ${path}`);
    }
  });
});

describe('lists: counts', () => {
  it('counts open and overdue tasks per list, and follows completes, moves and deletes', async () => {
    const me = await person();
    const list = await createList(me.session, 'Counted');
    await createTask(me.session, { title: 'Future', listId: list.id, dueDate: '2099-01-01' });
    await createTask(me.session, { title: 'Undated', listId: list.id });
    const late = await createTask(me.session, { title: 'Late', listId: list.id, dueDate: '2020-01-01' });
    const done = await createTask(me.session, { title: 'Done late', listId: list.id, dueDate: '2020-01-02' });
    assertStatus(await me.session.request(`/api/tasks/${done.id}`, { method: 'PATCH', json: { completed: true } }), 200);
    await createTask(me.session, { title: 'In the Inbox', dueDate: '2020-01-01' });

    const counts = async () => Object.fromEntries((await lists(me.session)).map((l) => [l.name, l.counts]));
    assert.deepEqual(await counts(), { Inbox: { open: 1, overdue: 1 }, Counted: { open: 3, overdue: 1 } });
    assert.deepEqual((await getList(me.session, list.id)).body.counts, { open: 3, overdue: 1 });

    const inbox = await inboxOf(me.session);
    assertStatus(await me.session.request(`/api/tasks/${late.id}`, { method: 'PATCH', json: { listId: inbox.id } }), 200);
    assert.deepEqual(await counts(), { Inbox: { open: 2, overdue: 2 }, Counted: { open: 2, overdue: 0 } });
    assertStatus(await me.session.request(`/api/tasks/${late.id}`, { method: 'DELETE' }), 204);
    assert.deepEqual(await counts(), { Inbox: { open: 1, overdue: 1 }, Counted: { open: 2, overdue: 0 } });
  });

  it("counts overdue on the person's own clock in every answer that carries a list", async () => {
    const me = await person();
    // Kiritimati is UTC+14: a minute ago there is overdue there, and 14 hours ahead of UTC's clock.
    const zone = 'Pacific/Kiritimati';
    assertStatus(await me.session.request('/api/auth/me', { method: 'PATCH', json: { timeZone: zone } }), 200);
    const list = await createList(me.session, 'Far east');
    const due = wallClock(zone, new Date(Date.now() - 60_000));
    await createTask(me.session, { title: 'Just missed', listId: list.id, dueDate: due.date, dueTime: due.time });
    const expected = { open: 1, overdue: 1 };
    assert.deepEqual((await lists(me.session)).find((l) => l.id === list.id)?.counts, expected, 'GET /api/lists');
    assert.deepEqual((await getList(me.session, list.id)).body.counts, expected, 'GET /api/lists/:id');
    const renamed = await me.session.request<{ counts: unknown }>(`/api/lists/${list.id}`, { method: 'PATCH', json: { name: 'Far east, renamed' } });
    assertStatus(renamed, 200);
    assert.deepEqual(renamed.body.counts, expected, 'PATCH /api/lists/:id');
  });
});

describe('lists: tasks live in lists', () => {
  it('a task without listId goes to the Inbox, with createdBy; with listId to that list', async () => {
    const me = await person();
    const inbox = await inboxOf(me.session);
    const list = await createList(me.session, 'Work');
    const plain = await createTask(me.session, { title: 'Plain' });
    assert.equal(plain.listId, inbox.id);
    assert.equal(plain.createdBy, me.id);
    const placed = await createTask(me.session, { title: 'Placed', listId: list.id });
    assert.equal(placed.listId, list.id);
    assert.equal(placed.createdBy, me.id);
    const fetched = await getTask(me.session, placed.id);
    assertStatus(fetched, 200);
    assert.deepEqual(fetched.body, placed);
  });

  it('GET /api/tasks?listId= answers only that list; without listId every list', async () => {
    const me = await person();
    const work = await createList(me.session, 'Work');
    const home = await createList(me.session, 'Home');
    const inInbox = await createTask(me.session, { title: 'Inbox task' });
    const atWork = [await createTask(me.session, { title: 'Work 1', listId: work.id }), await createTask(me.session, { title: 'Work 2', listId: work.id })];
    const atHome = await createTask(me.session, { title: 'Home 1', listId: home.id });

    const workPage = await me.session.request<Page<Task>>(`/api/tasks?listId=${work.id}`);
    assertStatus(workPage, 200);
    assert.deepEqual(workPage.body.items.map((t) => t.title), ['Work 2', 'Work 1'], 'newest first');
    assert.ok(workPage.body.items.every((t) => t.listId === work.id));
    assert.equal(workPage.body.nextCursor, null);
    assert.deepEqual((await allTasks(me.session, `listId=${home.id}`)).map((t) => t.id), [atHome.id]);
    const everything = await allTasks(me.session, '');
    assert.deepEqual(everything.map((t) => t.title), ['Home 1', 'Work 2', 'Work 1', 'Inbox task'], 'every list, newest first');
    assert.deepEqual(new Set(everything.map((t) => t.id)), new Set([inInbox.id, ...atWork.map((t) => t.id), atHome.id]));
    const open = await allTasks(me.session, 'status=open');
    assert.equal(open.length, 4);
  });

  it('listId must name a list of the caller: unknown → 404, malformed → 400 naming listId', async () => {
    const me = await person();
    assertProblem(await me.session.request('/api/tasks', { json: { title: 'x', listId: randomUUID() } }), 404, 'create, unknown list');
    const malformed = await me.session.request('/api/tasks', { json: { title: 'x', listId: 'inbox' } });
    assertProblem(malformed, 400, 'create, malformed listId');
    assert.ok(problemFields(malformed).includes('listId'), malformed.text);
    assertProblem(await me.session.request(`/api/tasks?listId=${randomUUID()}`), 404, 'list, unknown list');
    assertProblem(await me.session.request('/api/tasks?listId=nope'), 400, 'list, malformed listId');
    assert.deepEqual(await allTasks(me.session, ''), [], 'nothing was created');
  });

  it('moves a task between two of my lists with PATCH {listId}', async () => {
    const me = await person();
    const from = await createList(me.session, 'From');
    const to = await createList(me.session, 'To');
    const task = await createTask(me.session, { title: 'Mover', listId: from.id });
    const moved = await me.session.request<Task>(`/api/tasks/${task.id}`, { method: 'PATCH', json: { listId: to.id }, headers: { 'if-match': `"${task.version}"` } });
    assertStatus(moved, 200);
    assert.equal(moved.body.listId, to.id);
    assert.equal(moved.body.version, task.version + 1);
    assert.equal(moved.body.title, 'Mover');
    assert.equal(moved.body.createdBy, me.id);
    assert.deepEqual(await allTasks(me.session, `listId=${from.id}`), []);
    assert.deepEqual((await allTasks(me.session, `listId=${to.id}`)).map((t) => t.id), [task.id]);
    assert.equal((await getTask(me.session, task.id)).body.listId, to.id);
  });

  it('moving a task to a list that is not mine is 404 and leaves it where it was', async () => {
    const me = await person();
    const other = await person();
    const theirs = await createList(other.session, 'Theirs');
    const task = await createTask(me.session, { title: 'Stay' });
    for (const listId of [theirs.id, randomUUID()]) {
      assertProblem(await me.session.request(`/api/tasks/${task.id}`, { method: 'PATCH', json: { listId } }), 404, listId);
    }
    const now = await getTask(me.session, task.id);
    assert.deepEqual(now.body, task);
    assert.deepEqual(await allTasks(other.session, `listId=${theirs.id}`), []);
  });

  it('a cursor continues only the list and filters it came from (400 otherwise)', async () => {
    const me = await person();
    const a = await createList(me.session, 'A');
    const b = await createList(me.session, 'B');
    for (let i = 0; i < 3; i += 1) await createTask(me.session, { title: `a${i}`, listId: a.id });
    await createTask(me.session, { title: 'b0', listId: b.id });
    const first = await me.session.request<Page<Task>>(`/api/tasks?listId=${a.id}&limit=1`);
    assertStatus(first, 200);
    assert.deepEqual(first.body.items.map((t) => t.title), ['a2']);
    const cursor = encodeURIComponent(first.body.nextCursor ?? '');
    assert.ok(cursor, 'a first page of 1 out of 3 has a cursor');

    const next = await me.session.request<Page<Task>>(`/api/tasks?listId=${a.id}&limit=1&cursor=${cursor}`);
    assertStatus(next, 200);
    assert.deepEqual(next.body.items.map((t) => t.title), ['a1']);
    for (const query of [`listId=${b.id}&limit=1`, 'limit=1', `listId=${a.id}&limit=1&status=done`, `listId=${a.id}&limit=1&q=a`]) {
      const response = await me.session.request(`/api/tasks?${query}&cursor=${cursor}`);
      assertProblem(response, 400, query);
    }
  });
});

describe('lists: problem details', () => {
  it('every error answer is problem+json without a stack trace', async () => {
    const me = await person();
    const responses = [
      await me.session.request('/api/lists', { json: { name: '' } }),
      await me.session.request(`/api/lists/${randomUUID()}`),
      await me.session.request('/api/invitations/not-an-id/accept', { method: 'POST' }),
    ];
    for (const response of responses) assert.ok(isProblem(response), response.text);
  });
});
