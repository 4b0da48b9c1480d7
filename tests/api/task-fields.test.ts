/**
 * SPEC §6.2 task fields and views over real HTTP: due times, tags, subtasks and their limits; manual
 * order by position (concurrent moves included); Today / Upcoming / Overdue in the person's time zone;
 * quick add's parse endpoint; the profile's time zone.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateKeyBetween } from 'fractional-indexing';
import { SUBTASKS_MAX, TAG_MAX, TAGS_MAX } from '../../lib/tasks/rules';
import { wallClock, addDays } from '../../lib/time-zone';
import { AUTH_CODE, isProblem, problemFields, Session, STRONG_PASSWORD, uniqueEmail, type ApiResponse } from './client';
import { allTasks, assertProblem, assertStatus, createList, createTask, inboxOf, person, type Person, type Task as BaseTask } from './lists-helpers';

type Task = BaseTask & { dueTime: string | null; tags: string[]; subtasks: { id: string; title: string; completed: boolean }[]; position: string };

async function setTimeZone(someone: Person, timeZone: string): Promise<void> {
  const response = await someone.session.request<{ user: { timeZone: string } }>('/api/auth/me', { method: 'PATCH', json: { timeZone } });
  assertStatus(response, 200, 'PATCH /api/auth/me');
  assert.equal(response.body.user.timeZone, timeZone);
}

async function patch(someone: Person, id: string, json: Record<string, unknown>): Promise<ApiResponse<Task>> {
  return someone.session.request<Task>(`/api/tasks/${id}`, { method: 'PATCH', json });
}

const titles = (tasks: readonly { title: string }[]) => tasks.map((task) => task.title);

describe('task fields: due times, tags, subtasks', () => {
  it('stores a due time with its date; clearing the date clears the time; a time alone is 400', async () => {
    const me = await person();
    const task = (await createTask(me.session, { title: 'Dentist', dueDate: '2027-03-04', dueTime: '09:30' })) as Task;
    assert.deepEqual([task.dueDate, task.dueTime], ['2027-03-04', '09:30']);
    const cleared = await patch(me, task.id, { dueDate: null });
    assertStatus(cleared, 200);
    assert.deepEqual([cleared.body.dueDate, cleared.body.dueTime], [null, null]);
    const alone = await patch(me, task.id, { dueTime: '10:00' });
    assertProblem(alone, 400);
    assert.ok(problemFields(alone).includes('dueTime'), alone.text);
    const created = await me.session.request('/api/tasks', { json: { title: 'x', dueTime: '10:00' } });
    assertProblem(created, 400);
    for (const dueTime of ['24:00', '9:30', '12:60', 'noon']) {
      const bad = await me.session.request('/api/tasks', { json: { title: 'x', dueDate: '2027-01-01', dueTime } });
      assertProblem(bad, 400, dueTime);
      assert.ok(problemFields(bad).includes('dueTime'), `${dueTime}: ${bad.text}`);
    }
  });

  it(`keeps tags trimmed and unique ignoring case; at most ${TAGS_MAX}, each 1–${TAG_MAX} characters`, async () => {
    const me = await person();
    const task = (await createTask(me.session, { title: 'Tagged', tags: ['  errands ', '+home'] })) as Task;
    assert.deepEqual(task.tags, ['errands', 'home']);
    for (const tags of [['a', 'A'], [''], ['x'.repeat(TAG_MAX + 1)], Array.from({ length: TAGS_MAX + 1 }, (_, i) => `t${i}`), 'errands']) {
      const bad = await patch(me, task.id, { tags });
      assertProblem(bad, 400, JSON.stringify(tags));
      assert.ok(problemFields(bad).some((field) => field.startsWith('tags')), bad.text);
    }
    const full = await patch(me, task.id, { tags: Array.from({ length: TAGS_MAX }, (_, i) => `t${i}`) });
    assertStatus(full, 200);
    const found = await allTasks(me.session, 'tag=T3');
    assert.deepEqual(found.map((t) => t.id), [task.id], 'tag= matches ignoring case');
  });

  it(`gives subtasks ids, keeps their order and ticks; at most ${SUBTASKS_MAX}`, async () => {
    const me = await person();
    const task = (await createTask(me.session, { title: 'Trip', subtasks: [{ title: 'Passport' }, { title: 'Tickets', completed: true }] })) as Task;
    assert.equal(task.subtasks.length, 2);
    assert.ok(task.subtasks.every((subtask) => /^[0-9a-f-]{36}$/.test(subtask.id)));
    assert.deepEqual(task.subtasks.map((s) => [s.title, s.completed]), [['Passport', false], ['Tickets', true]]);
    const [passport, tickets] = task.subtasks;
    const reordered = await patch(me, task.id, { subtasks: [{ ...tickets }, { ...passport, completed: true }, { title: 'Adapter' }] });
    assertStatus(reordered, 200);
    assert.deepEqual(reordered.body.subtasks.map((s) => [s.id === tickets!.id || s.id === passport!.id, s.title, s.completed]), [
      [true, 'Tickets', true],
      [true, 'Passport', true],
      [false, 'Adapter', false],
    ]);
    const tooMany = await patch(me, task.id, { subtasks: Array.from({ length: SUBTASKS_MAX + 1 }, (_, i) => ({ title: `s${i}` })) });
    assertProblem(tooMany, 400);
    const twice = await patch(me, task.id, { subtasks: [passport, passport] });
    assertProblem(twice, 400);
    const blank = await patch(me, task.id, { subtasks: [{ title: '  ' }] });
    assertProblem(blank, 400);
    assert.ok(isProblem(blank));
  });

  it('records when a task was completed, and forgets it when reopened', async () => {
    const me = await person();
    const task = await createTask(me.session, { title: 'Done soon' });
    assert.equal(task.completedAt, null);
    const done = await patch(me, task.id, { completed: true });
    assert.ok(done.body.completedAt && Date.parse(done.body.completedAt) >= Date.parse(task.createdAt));
    const again = await patch(me, task.id, { title: 'Done soon, renamed' });
    assert.equal(again.body.completedAt, done.body.completedAt, 'an edit keeps the completion time');
    const reopened = await patch(me, task.id, { completed: false });
    assert.equal(reopened.body.completedAt, null);
  });
});

describe('text that reads differently from what it is', () => {
  it('rejects control characters and direction overrides in names with a 400 naming the field; descriptions keep line breaks', async () => {
    const me = await person();
    const task = await createTask(me.session, { title: 'Plain', description: 'line one\n\tline two' });
    assert.equal(task.description, 'line one\n\tline two');
    const bad = ['evil\u202egnp.exe', 'bell\u0007', 'line\nbreak', 'isolate\u2066x\u2069', 'nul\u0000'];
    for (const text of bad) {
      const cases: [string, Promise<ApiResponse>, string][] = [
        ['title', me.session.request('/api/tasks', { json: { title: text } }), 'title'],
        ['subtask', patch(me, task.id, { subtasks: [{ title: text }] }), 'subtasks'],
        // A line break in a tag is whitespace, which tags collapse to a space; the other characters are refused.
        ...(/\s/.test(text) ? [] : ([['tag', patch(me, task.id, { tags: [text] }), 'tags']] as [string, Promise<ApiResponse>, string][])),
        ['list name', me.session.request('/api/lists', { json: { name: text } }), 'name'],
        ['file name', me.session.request(`/api/tasks/${task.id}/attachments`, { json: { fileName: `${text}.png`, contentType: 'image/png', size: 10 } }), 'fileName'],
      ];
      for (const [what, request, field] of cases) {
        const response = await request;
        assertProblem(response, 400, `${what}: ${JSON.stringify(text)}`);
        assert.ok(problemFields(response).some((name) => name.startsWith(field)), `${what}: ${response.text}`);
      }
    }
    const description = await patch(me, task.id, { description: 'hidden\u202eflip' });
    assertProblem(description, 400);
  });
});

describe('a tag across lists', () => {
  it('shows the open tasks with the tag, newest first, following completes, moves, untagging and deletes', async () => {
    const me = await person();
    const work = await createList(me.session, 'Work');
    const home = await createList(me.session, 'Home');
    const make = async (title: string, listId: string, tags: string[]) => (await createTask(me.session, { title, listId, tags })) as Task;
    const a = await make('a', work.id, ['Errands']);
    const b = await make('b', home.id, ['errands', 'home']);
    const c = await make('c', work.id, ['other']);
    const d = await make('d', home.id, ['ERRANDS']);
    const e = await make('e', work.id, ['errands']);
    const f = await make('f', home.id, ['errands']);
    const view = async () => {
      const response = await me.session.request<{ items: Task[]; nextCursor: string | null }>('/api/tasks?tag=errands&status=open');
      assertStatus(response, 200);
      return { titles: titles(response.body.items), read: Number(response.headers.get('x-items-read')) };
    };
    assert.deepEqual((await view()).titles, ['f', 'e', 'd', 'b', 'a']);
    await patch(me, e.id, { completed: true });
    await patch(me, d.id, { tags: ['home'] });
    await patch(me, a.id, { listId: home.id });
    await patch(me, c.id, { tags: ['other', 'errands'] });
    assertStatus(await me.session.request(`/api/tasks/${f.id}`, { method: 'DELETE' }), 204);
    const after = await view();
    assert.deepEqual(after.titles, ['c', 'b', 'a']);
    assert.ok(after.read < 40, `read ${after.read} items`);
    const reopened = await patch(me, e.id, { completed: false });
    assertStatus(reopened, 200);
    assert.deepEqual((await view()).titles, ['e', 'c', 'b', 'a']);
    assert.equal(b.id.length, 36);
  });
});

describe('tags: listed, renamed and removed across tasks', () => {
  it('lists the tags with counts, renames one everywhere (merging duplicates) and removes one, done tasks included', async () => {
    const me = await person();
    const work = await createList(me.session, 'Work');
    const a = (await createTask(me.session, { title: 'a', tags: ['Errands'] })) as Task;
    const b = (await createTask(me.session, { title: 'b', listId: work.id, tags: ['errands', 'chores'] })) as Task;
    const c = (await createTask(me.session, { title: 'c', listId: work.id, tags: ['chores'] })) as Task;
    await patch(me, c.id, { completed: true });
    const tags = async () => (await me.session.request<{ items: { name: string; open: number; total: number }[] }>('/api/tags')).body.items;
    // Spelt as on the newest task carrying it (b says "errands").
    assert.deepEqual(await tags(), [
      { name: 'chores', open: 1, total: 2 },
      { name: 'errands', open: 2, total: 2 },
    ]);
    const renamed = await me.session.request<{ renamed: number }>('/api/tags/rename', { json: { from: 'chores', to: 'Errands' } });
    assertStatus(renamed, 200);
    assert.equal(renamed.body.renamed, 2);
    const tagsOf = async (task: Task) => ((await me.session.request<Task>(`/api/tasks/${task.id}`)).body).tags;
    assert.deepEqual(await tagsOf(b), ['errands'], 'b had both: one is kept');
    assert.deepEqual(await tagsOf(c), ['Errands'], 'the done task is renamed too');
    const removed = await me.session.request<{ removed: number }>(`/api/tags/${encodeURIComponent('ERRANDS')}`, { method: 'DELETE' });
    assertStatus(removed, 200);
    assert.equal(removed.body.removed, 3);
    assert.deepEqual([await tagsOf(a), await tagsOf(b), await tagsOf(c)], [[], [], []]);
    assert.deepEqual(await tags(), []);
    assertProblem(await me.session.request('/api/tags/rename', { json: { from: 'x', to: '' } }), 400);
    assertProblem(await me.session.request('/api/tags/rename', { json: { from: 'x', to: 'y'.repeat(40) } }), 400);
  });
});

describe('manual order', () => {
  it('new tasks go to the end; a position between two neighbours moves a task with one write', async () => {
    const me = await person();
    const list = await createList(me.session, 'Order');
    const created: Task[] = [];
    for (const title of ['one', 'two', 'three', 'four']) created.push((await createTask(me.session, { title, listId: list.id })) as Task);
    const order = async () => titles(await allTasks(me.session, `listId=${list.id}&status=open`));
    assert.deepEqual(await order(), ['one', 'two', 'three', 'four']);
    const [one, two] = created;
    const moved = await patch(me, created[3]!.id, { position: generateKeyBetween(one!.position, two!.position) });
    assertStatus(moved, 200);
    assert.equal(moved.body.version, created[3]!.version + 1, 'one write');
    assert.deepEqual(await order(), ['one', 'four', 'two', 'three']);
    assertProblem(await patch(me, one!.id, { position: 'not a key!' }), 400);
    // Shaped like a key, yet not one others can be placed around (a fraction ending in 0, a bad head):
    // stored, it would break reordering for everyone who sees the list.
    for (const position of ['a10', 'a00', 'A', 'zz']) assertProblem(await patch(me, one!.id, { position }), 400, 'position');
    assert.deepEqual(await order(), ['one', 'four', 'two', 'three']);
  });

  it('20 concurrent moves leave every task exactly once, in the order the positions say', async () => {
    const me = await person();
    const list = await createList(me.session, 'Busy');
    const tasks: Task[] = [];
    for (let i = 0; i < 20; i += 1) tasks.push((await createTask(me.session, { title: `t${String(i).padStart(2, '0')}`, listId: list.id })) as Task);
    // Reverse the list: each task gets a fresh key, all sent at once.
    const keys: string[] = [];
    let previous: string | null = null;
    for (let i = 0; i < 20; i += 1) keys.push((previous = generateKeyBetween(previous, null)));
    const answers = await Promise.all(tasks.map((task, i) => patch(me, task.id, { position: keys[19 - i]! })));
    for (const answer of answers) assertStatus(answer, 200);
    const order = titles(await allTasks(me.session, `listId=${list.id}&status=open`));
    assert.deepEqual(order, [...tasks].reverse().map((task) => task.title));
  });

  it('sorts open tasks by due date, priority or creation on request', async () => {
    const me = await person();
    const list = await createList(me.session, 'Sorts');
    await createTask(me.session, { title: 'late low', listId: list.id, dueDate: '2027-05-01', priority: 'low' });
    await createTask(me.session, { title: 'none high', listId: list.id, priority: 'high' });
    await createTask(me.session, { title: 'early medium', listId: list.id, dueDate: '2027-01-01', dueTime: '08:00', priority: 'medium' });
    await createTask(me.session, { title: 'early later high', listId: list.id, dueDate: '2027-01-01', priority: 'high' });
    const sorted = async (sort: string) => titles(await allTasks(me.session, `listId=${list.id}&status=open&sort=${sort}`));
    assert.deepEqual(await sorted('due'), ['early medium', 'early later high', 'late low', 'none high']);
    assert.deepEqual(await sorted('priority'), ['early later high', 'none high', 'early medium', 'late low']);
    assert.deepEqual(await sorted('created'), ['early later high', 'early medium', 'none high', 'late low']);
    assertProblem(await me.session.request(`/api/tasks?listId=${list.id}&status=done&sort=due`), 400);
  });
});

describe('date views in the person’s time zone', () => {
  for (const timeZone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
    it(`Today, Upcoming and Overdue cut at the day's edges in ${timeZone}`, async () => {
      const me = await person();
      await setTimeZone(me, timeZone);
      const { date: today } = wallClock(timeZone);
      const inbox = await inboxOf(me.session);
      const make = (title: string, dueDate: string | null, dueTime?: string) =>
        createTask(me.session, { title, listId: inbox.id, dueDate, ...(dueTime ? { dueTime } : {}) });
      await make('yesterday', addDays(today, -1));
      await make('today early', today, '00:00');
      await make('today late', today, '23:59');
      await make('today', today);
      await make('in six days', addDays(today, 6));
      await make('in seven days', addDays(today, 7));
      await make('someday', null);
      const done = await make('done today', today);
      await patch(me, done.id, { completed: true });

      assert.deepEqual(titles(await allTasks(me.session, 'view=today')), ['yesterday', 'today early', 'today late', 'today']);
      assert.deepEqual(titles(await allTasks(me.session, 'view=upcoming')), ['today early', 'today late', 'today', 'in six days']);
      // 00:00 today has passed (the clock is past midnight), 23:59 has not.
      const overdue = titles(await allTasks(me.session, 'view=overdue'));
      assert.ok(overdue.includes('yesterday') && !overdue.includes('today late') && !overdue.includes('today'), overdue.join(', '));
      const counts = (await inboxOf(me.session)).counts;
      assert.equal(counts.overdue, overdue.length);
      assertProblem(await me.session.request('/api/tasks?view=today&status=done'), 400);
      assertProblem(await me.session.request('/api/tasks?view=yesterday'), 400);
    });
  }

  it('takes the time zone at sign-up (what the web form sends) and rejects one the runtime does not know', async () => {
    const email = uniqueEmail('tz');
    const anonymous = new Session();
    assertStatus(await anonymous.request('/api/auth/sign-up', { json: { email, password: STRONG_PASSWORD, timeZone: 'Europe/Lisbon' } }), 201);
    assertStatus(await anonymous.request('/api/auth/confirm', { json: { email, code: AUTH_CODE } }), 204);
    assertStatus(await anonymous.request('/api/auth/sign-in', { json: { email, password: STRONG_PASSWORD } }), 200);
    const me = await anonymous.request<{ user: { timeZone: string | null } }>('/api/auth/me');
    assert.equal(me.body.user.timeZone, 'Europe/Lisbon');
    assertProblem(await new Session().request('/api/auth/sign-up', { json: { email: uniqueEmail('tz'), password: STRONG_PASSWORD, timeZone: 'Nowhere/Else' } }), 400);
  });

  it('rejects a time zone the runtime does not know', async () => {
    const me = await person();
    const bad = await me.session.request('/api/auth/me', { method: 'PATCH', json: { timeZone: 'Mars/Olympus' } });
    assertProblem(bad, 400);
    assert.ok(problemFields(bad).includes('timeZone'), bad.text);
  });
});

describe('quick add: POST /api/tasks/parse', () => {
  it('reads the text in the person’s zone and lists, and saves nothing', async () => {
    const me = await person();
    await setTimeZone(me, 'Asia/Tokyo');
    const groceries = await createList(me.session, 'Groceries');
    const before = await allTasks(me.session, 'status=all');
    const parsed = await me.session.request<{ title: string; dueDate: string; dueTime: string; listId: string; tags: string[]; priority: string }>(
      '/api/tasks/parse',
      { json: { text: 'Buy milk tomorrow 5pm #Groceries +errands !1' } },
    );
    assertStatus(parsed, 200);
    const tomorrow = addDays(wallClock('Asia/Tokyo').date, 1);
    assert.deepEqual(
      { ...parsed.body, parts: undefined },
      { title: 'Buy milk', dueDate: tomorrow, dueTime: '17:00', priority: 'high', listId: groceries.id, newListName: null, tags: ['errands'], recurrence: null, parts: undefined, recurrencePart: null },
    );
    assert.deepEqual((await allTasks(me.session, 'status=all')).length, before.length, 'nothing saved');
    const repeating = await me.session.request<{ title: string; dueDate: string; recurrence: unknown; recurrencePart: { text: string } }>('/api/tasks/parse', {
      json: { text: 'Water plants every monday' },
    });
    assertStatus(repeating, 200);
    const today = wallClock('Asia/Tokyo').date;
    const daysToMonday = (8 - new Date(`${today}T00:00:00Z`).getUTCDay()) % 7;
    assert.deepEqual(
      { title: repeating.body.title, dueDate: repeating.body.dueDate, recurrence: repeating.body.recurrence, words: repeating.body.recurrencePart.text },
      { title: 'Water plants', dueDate: addDays(today, daysToMonday), recurrence: { rule: 'FREQ=WEEKLY;BYDAY=MO', from: 'due' }, words: 'every monday' },
    );
    assertProblem(await me.session.request('/api/tasks/parse', { json: { text: 'x'.repeat(501) } }), 400);
    assertProblem(await me.session.request('/api/tasks/parse', { json: {} }), 400);
  });
});

describe('quotas', () => {
  it('an account owns at most 200 lists: the next is 409 naming the limit, and nothing is created', async () => {
    const me = await person();
    const { MAX_OWNED_LISTS } = await import('../../lib/lists/schema');
    // The Inbox is one of them.
    for (let made = 1; made < MAX_OWNED_LISTS; made += 10) {
      await Promise.all(Array.from({ length: Math.min(10, MAX_OWNED_LISTS - made) }, (_, i) => createList(me.session, `List ${made + i}`)));
    }
    const over = await me.session.request<{ limit: string; max: number }>('/api/lists', { json: { name: 'One too many' } });
    assertProblem(over, 409);
    assert.deepEqual([over.body.limit, over.body.max], ['lists', MAX_OWNED_LISTS]);
    const { items } = (await me.session.request<{ items: unknown[] }>('/api/lists')).body;
    assert.equal(items.length, MAX_OWNED_LISTS);
  });
});
