/**
 * SPEC §6.2 recurring tasks over real HTTP: a rule on create and PATCH (and its 400s), quick add's
 * parse fed to create, completing an occurrence (from due, and from completion on the person's own
 * calendar in two time zones), COUNT, the activity of each occurrence, undo by a PATCH back, skip,
 * ending the series, rights on skip and concurrent completes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, wallClock } from '../../lib/time-zone';
import { problemFields, type ApiResponse } from './client';
import { waitForActivity, type ActivityEntry } from './activity-helpers';
import { assertProblem, assertStatus, createTask, getTask, person, people, sharedList, type Person, type Task as BaseTask } from './lists-helpers';

type Recurrence = { rule: string; from: 'due' | 'completion' };
type Task = BaseTask & { dueTime: string | null; recurrence: Recurrence | null; completedAt: string | null };
type Occurrence = ActivityEntry & { occurrence: string | null };

const WEEKLY_MONDAY: Recurrence = { rule: 'FREQ=WEEKLY;BYDAY=MO', from: 'due' };

async function read(someone: Person, task: Pick<Task, 'id'>): Promise<Task> {
  const response = await getTask(someone.session, task.id);
  assertStatus(response, 200, 'GET task');
  return response.body as Task;
}

async function recurring(someone: Person, json: Record<string, unknown>): Promise<Task> {
  return (await createTask(someone.session, json)) as Task;
}

function patch(someone: Person, task: Pick<Task, 'id'>, json: Record<string, unknown>, version?: number): Promise<ApiResponse<Task>> {
  return someone.session.request<Task>(`/api/tasks/${task.id}`, { method: 'PATCH', json, ...(version !== undefined ? { headers: { 'if-match': `"${version}"` } } : {}) });
}

function skip(someone: Person, task: Pick<Task, 'id'>, version?: number): Promise<ApiResponse<Task>> {
  return someone.session.request<Task>(`/api/tasks/${task.id}/skip`, { method: 'POST', ...(version !== undefined ? { headers: { 'if-match': `"${version}"` } } : {}) });
}

async function complete(someone: Person, task: Task): Promise<Task> {
  const response = await patch(someone, task, { completed: true }, task.version);
  assertStatus(response, 200, 'complete');
  return response.body;
}

async function setTimeZone(someone: Person, timeZone: string): Promise<void> {
  const response = await someone.session.request('/api/auth/me', { method: 'PATCH', json: { timeZone } });
  assertStatus(response, 200, 'PATCH /api/auth/me');
}

/** The task's activity once `count` entries of `type` are there, oldest first. */
async function entriesOf(someone: Person, task: Task, type: string, count: number): Promise<Occurrence[]> {
  const entries = await waitForActivity(someone.session, (found) => found.filter((entry) => entry.type === type).length >= count, { taskId: task.id });
  return (entries as Occurrence[]).filter((entry) => entry.type === type).reverse();
}

describe('recurrence: setting a rule', () => {
  it('stores the rule in its canonical form, pins a from-due monthly day, and needs a due date', async () => {
    const me = await person();
    const weekly = await recurring(me, { title: 'Team sync', dueDate: '2027-03-01', dueTime: '09:00', recurrence: { rule: 'rrule:freq=weekly;byday=MO;interval=1', from: 'due' } });
    assert.deepEqual(weekly.recurrence, WEEKLY_MONDAY);
    assert.deepEqual((await read(me, weekly)).recurrence, WEEKLY_MONDAY, 'read back from storage');

    const rent = await recurring(me, { title: 'Rent', dueDate: '2027-01-31', recurrence: { rule: 'FREQ=MONTHLY', from: 'due' } });
    assert.equal(rent.recurrence?.rule, 'FREQ=MONTHLY;BYMONTHDAY=31', 'the day is pinned, so February does not move the series to the 28th');

    const plain = await recurring(me, { title: 'Plain' });
    assert.equal(plain.recurrence, null);

    const undated = await me.session.request('/api/tasks', { json: { title: 'No date', recurrence: WEEKLY_MONDAY } });
    assertProblem(undated, 400, 'create without a due date');
    assert.ok(problemFields(undated).includes('recurrence'), undated.text);

    const setOnUndated = await patch(me, plain, { recurrence: WEEKLY_MONDAY });
    assertProblem(setOnUndated, 400, 'PATCH a rule onto a task without a due date');
    assert.ok(problemFields(setOnUndated).includes('recurrence'), setOnUndated.text);

    const clearDate = await patch(me, weekly, { dueDate: null });
    assertProblem(clearDate, 400, 'PATCH clearing the due date of a recurring task');
    assert.ok(problemFields(clearDate).includes('dueDate'), clearDate.text);
    assert.equal((await getTask(me.session, weekly.id)).body.dueDate, '2027-03-01', 'nothing was written');
  });

  it('refuses a rule we do not evaluate with a 400 that names the part', async () => {
    const me = await person();
    for (const rule of ['FREQ=DAILY;BYHOUR=9', 'FREQ=HOURLY', 'FREQ=WEEKLY;BYSETPOS=1']) {
      const response = await me.session.request<{ detail?: string; errors?: { field: string; message: string }[] }>('/api/tasks', {
        json: { title: 'Bad rule', dueDate: '2027-03-01', recurrence: { rule, from: 'due' } },
      });
      assertProblem(response, 400, rule);
      assert.match(response.text, rule.includes('BYHOUR') ? /BYHOUR is not supported/ : rule.includes('BYSETPOS') ? /BYSETPOS is not supported/ : /HOURLY|FREQ/, response.text);
    }
    const badFrom = await me.session.request('/api/tasks', { json: { title: 'x', dueDate: '2027-03-01', recurrence: { rule: 'FREQ=DAILY', from: 'start' } } });
    assertProblem(badFrom, 400, 'from');
  });

  it('creates what quick add parsed', async () => {
    const me = await person();
    const parsed = await me.session.request<{ title: string; dueDate: string; recurrence: Recurrence }>('/api/tasks/parse', { json: { text: 'Water plants every 3 days' } });
    assertStatus(parsed, 200, 'parse');
    assert.deepEqual(parsed.body.recurrence, { rule: 'FREQ=DAILY;INTERVAL=3', from: 'due' });
    const task = await recurring(me, { title: parsed.body.title, dueDate: parsed.body.dueDate, recurrence: parsed.body.recurrence });
    assert.deepEqual([task.title, task.dueDate, task.recurrence], ['Water plants', parsed.body.dueDate, parsed.body.recurrence]);
    const done = await complete(me, task);
    assert.equal(done.dueDate, addDays(parsed.body.dueDate, 3));
  });
});

describe('recurrence: completing an occurrence', () => {
  it('from due: stays open, moves to the next occurrence, keeps the time, logs the occurrence', async () => {
    const me = await person();
    const task = await recurring(me, { title: 'Team sync', dueDate: '2027-03-01', dueTime: '09:00', recurrence: WEEKLY_MONDAY });
    const first = await complete(me, task);
    assert.deepEqual(
      { completed: first.completed, completedAt: first.completedAt, dueDate: first.dueDate, dueTime: first.dueTime, recurrence: first.recurrence, version: first.version },
      { completed: false, completedAt: null, dueDate: '2027-03-08', dueTime: '09:00', recurrence: WEEKLY_MONDAY, version: task.version + 1 },
    );
    const second = await complete(me, first);
    assert.equal(second.dueDate, '2027-03-15');
    const completions = await entriesOf(me, task, 'task.completed', 2);
    assert.deepEqual(completions.map((entry) => entry.occurrence), ['2027-03-01', '2027-03-08'], 'one completion per occurrence');
    assert.deepEqual(completions[0]!.changes?.dueDate, { from: '2027-03-01', to: '2027-03-08' });
    const all = await waitForActivity(me.session, (found) => found.length >= 3, { taskId: task.id });
    assert.deepEqual(all.map((entry) => entry.type).sort(), ['task.completed', 'task.completed', 'task.created'], 'no extra update logged');
  });

  it('from completion: counts from the person’s today, in their time zone', async () => {
    const me = await person();
    // 25 hours apart: at any moment their calendars show different days.
    for (const timeZone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      await setTimeZone(me, timeZone);
      const task = await recurring(me, { title: `Every 3 days in ${timeZone}`, dueDate: '2020-01-01', recurrence: { rule: 'FREQ=DAILY;INTERVAL=3', from: 'completion' } });
      const before = wallClock(timeZone).date;
      const done = await complete(me, task);
      const after = wallClock(timeZone).date;
      assert.ok([addDays(before, 3), addDays(after, 3)].includes(done.dueDate!), `${timeZone}: ${done.dueDate} is 3 days after ${before}`);
      assert.equal(done.completed, false);
    }
    const [east, west] = ['Pacific/Kiritimati', 'Pacific/Pago_Pago'].map((zone) => wallClock(zone).date);
    assert.notEqual(east, west, 'the two zones do disagree about today');
  });

  it('COUNT counts the occurrences left; the last completion completes the task', async () => {
    const me = await person();
    const task = await recurring(me, { title: 'Three pills', dueDate: '2027-05-01', recurrence: { rule: 'FREQ=DAILY;COUNT=3', from: 'due' } });
    const first = await complete(me, task);
    assert.deepEqual([first.dueDate, first.recurrence?.rule, first.completed], ['2027-05-02', 'FREQ=DAILY;COUNT=2', false]);
    const second = await complete(me, first);
    assert.deepEqual([second.dueDate, second.recurrence?.rule, second.completed], ['2027-05-03', 'FREQ=DAILY;COUNT=1', false]);
    const last = await complete(me, second);
    assert.deepEqual([last.dueDate, last.completed, typeof last.completedAt], ['2027-05-03', true, 'string']);
    const completions = await entriesOf(me, task, 'task.completed', 3);
    assert.deepEqual(completions.map((entry) => entry.occurrence), ['2027-05-01', '2027-05-02', '2027-05-03']);
  });

  it('undo is a PATCH back to the previous due date and rule, with If-Match', async () => {
    const me = await person();
    const task = await recurring(me, { title: 'Two more', dueDate: '2027-05-01', dueTime: '08:15', recurrence: { rule: 'FREQ=DAILY;COUNT=2', from: 'due' } });
    const done = await complete(me, task);
    const stale = await patch(me, done, { dueDate: task.dueDate, recurrence: task.recurrence }, task.version);
    assertProblem(stale, 412, 'undo on an old version');
    const undone = await patch(me, done, { dueDate: task.dueDate, recurrence: task.recurrence }, done.version);
    assertStatus(undone, 200, 'undo');
    const stored = await read(me, task);
    for (const restored of [undone.body, stored]) {
      assert.deepEqual([restored.dueDate, restored.dueTime, restored.recurrence, restored.completed], [task.dueDate, '08:15', task.recurrence, false]);
    }
    // The restored series still has both occurrences left.
    assert.equal((await complete(me, stored)).dueDate, '2027-05-02');
  });

  it('concurrent completes of one version advance once; the others get 412', async () => {
    const me = await person();
    const task = await recurring(me, { title: 'Race', dueDate: '2027-03-01', recurrence: WEEKLY_MONDAY });
    const answers = await Promise.all(Array.from({ length: 5 }, () => patch(me, task, { completed: true }, task.version)));
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 412, 412, 412, 412]);
    assert.equal((await getTask(me.session, task.id)).body.dueDate, '2027-03-08');
  });

  it('without If-Match, parallel completes each complete one occurrence or answer 409, never 500', async () => {
    const me = await person();
    const task = await recurring(me, { title: 'Race without If-Match', dueDate: '2027-03-01', recurrence: WEEKLY_MONDAY });
    const answers = await Promise.all(Array.from({ length: 5 }, () => patch(me, task, { completed: true })));
    const won = answers.filter((answer) => answer.status === 200);
    assert.ok(answers.every((answer) => answer.status === 200 || answer.status === 409), answers.map((answer) => answer.status).join());
    // Each success moved the task exactly one week: as many weeks as successes, no more.
    assert.equal((await getTask(me.session, task.id)).body.dueDate, addDays('2027-03-01', 7 * won.length));
    const completions = await entriesOf(me, task, 'task.completed', won.length);
    assert.equal(new Set(completions.map((entry) => entry.occurrence)).size, won.length, 'each occurrence completed once');
  });
});

describe('recurrence: skip and end', () => {
  it('skip moves to the next occurrence without a completion; 409 on a plain task', async () => {
    const me = await person();
    const task = await recurring(me, { title: 'Gym', dueDate: '2027-03-01', dueTime: '18:00', recurrence: WEEKLY_MONDAY });
    const skipped = await skip(me, task, task.version);
    assertStatus(skipped, 200, 'skip');
    assert.deepEqual([skipped.body.dueDate, skipped.body.dueTime, skipped.body.completed, skipped.body.recurrence], ['2027-03-08', '18:00', false, WEEKLY_MONDAY]);
    assert.equal(skipped.headers.get('etag'), `"${skipped.body.version}"`);
    assertProblem(await skip(me, task, task.version), 412, 'skip on an old version');
    assert.equal((await skip(me, skipped.body)).body.dueDate, '2027-03-15', 'without If-Match');

    const updates = await entriesOf(me, task, 'task.updated', 2);
    assert.deepEqual(updates[0]!.changes, { dueDate: { from: '2027-03-01', to: '2027-03-08' } });
    const entries = await waitForActivity(me.session, () => true, { taskId: task.id });
    assert.ok(!entries.some((entry) => entry.type === 'task.completed'), 'a skip completes nothing');

    const plain = await recurring(me, { title: 'Plain', dueDate: '2027-03-01' });
    assertProblem(await skip(me, plain), 409, 'skip a plain task');
    const last = await recurring(me, { title: 'Last', dueDate: '2027-03-01', recurrence: { rule: 'FREQ=DAILY;COUNT=1', from: 'due' } });
    assertProblem(await skip(me, last), 409, 'skip the last occurrence');
  });

  it('skip needs the edit right: a viewer gets 403, someone outside the list 404', async () => {
    const [owner, editor, viewer, stranger] = await people(4);
    const list = await sharedList(owner, editor, viewer);
    const task = await recurring(owner, { title: 'Shared chore', listId: list.id, dueDate: '2027-03-01', recurrence: WEEKLY_MONDAY });
    assertProblem(await skip(viewer, task), 403, 'viewer');
    assertProblem(await skip(stranger, task), 404, 'stranger');
    assertProblem(await stranger.session.request('/api/tasks/not-a-task/skip', { method: 'POST' }), 404, 'not an id');
    const byEditor = await skip(editor, task);
    assertStatus(byEditor, 200, 'editor');
    assert.equal(byEditor.body.dueDate, '2027-03-08');
  });

  it('recurrence: null ends the series; completing then completes the task', async () => {
    const me = await person();
    const task = await recurring(me, { title: 'Course', dueDate: '2027-03-01', recurrence: WEEKLY_MONDAY });
    const ended = await patch(me, task, { recurrence: null }, task.version);
    assertStatus(ended, 200, 'end the series');
    assert.equal(ended.body.recurrence, null);
    assert.equal((await read(me, task)).recurrence, null);
    const done = await complete(me, ended.body);
    assert.deepEqual([done.completed, done.dueDate], [true, '2027-03-01']);
    const entries = await entriesOf(me, task, 'task.completed', 1);
    assert.equal(entries[0]!.occurrence, null, 'a plain completion');
    // Reopening a plain task and clearing its date is allowed again.
    assertStatus(await patch(me, done, { completed: false, dueDate: null }), 200, 'plain task without a date');
  });
});
