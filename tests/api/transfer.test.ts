/**
 * Export and import (SPEC §6.2, issue 13): a Todoer export imported into a fresh account exports again
 * as the same data; a Todoist CSV export imports as one list; a file that cannot be imported is refused
 * with a report and leaves the account exactly as it was; a retry with the same Idempotency-Key imports once.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { describe, it } from 'node:test';
import type { Session } from './client';
import { allTasks, assertProblem, assertStatus, createList, createTask, inboxOf, lists, person, share } from './lists-helpers';

type Report = { imported: { lists: number; tasks: number }; skipped: { line?: number; path?: string; reason: string }[]; skippedCount: number };
type ExportDocument = { format: string; version: number; exportedAt: string; note: string; lists: { name: string; tasks: { title: string }[] }[] };

const todoistCsv = readFileSync(new URL('../fixtures/todoist-export.csv', import.meta.url), 'utf8');

async function exportOf(session: Session): Promise<ExportDocument> {
  const response = await session.request<ExportDocument>('/api/export');
  assertStatus(response, 200, 'GET /api/export');
  assert.match(response.headers.get('content-disposition') ?? '', /^attachment; filename="todoer-export-\d{4}-\d{2}-\d{2}\.json"$/);
  return response.body;
}

function importFile(session: Session, body: string, contentType: string, options: { name?: string; key?: string } = {}) {
  const query = options.name ? `?name=${encodeURIComponent(options.name)}` : '';
  return session.request<Report>(`/api/import${query}`, {
    body,
    headers: { 'content-type': contentType, ...(options.key ? { 'idempotency-key': options.key } : {}) },
  });
}

/**
 * A body past the limit, declared in Content-Length as a browser would. The server answers 413 from the
 * header alone, so the body is held back until it has had a moment to answer: a server that closes
 * with unread bytes can make the kernel drop its answer (a reset), which would race the assertion.
 * A hard deadline turns a missing answer into a failure instead of a hang.
 */
function postTooLarge(session: Session, body: string, contentType: string): Promise<{ status: number; type: string; text: string }> {
  const url = new URL('/api/import', session.baseUrl);
  const cookie = [...session.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return new Promise((resolve, reject) => {
    let answered = false;
    const outgoing = httpRequest(url, { method: 'POST', headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(body), origin: url.origin, cookie } }, (response) => {
      answered = true;
      clearTimeout(sendBody);
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        clearTimeout(deadline);
        outgoing.destroy();
        resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'] ?? '', text });
      });
      response.on('error', reject);
    });
    const deadline = setTimeout(() => {
      outgoing.destroy();
      reject(new Error('no answer to the too-large import within 30 s'));
    }, 30_000);
    const sendBody = setTimeout(() => outgoing.end(body), 2_000);
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (answered) return;
      clearTimeout(deadline);
      clearTimeout(sendBody);
      reject(error);
    });
    outgoing.flushHeaders();
  });
}

/** What a person can see: their lists and every task in them, as the views return them. */
async function everything(session: Session): Promise<unknown> {
  return { lists: await lists(session), tasks: await allTasks(session, 'status=all') };
}

const withoutTime = ({ exportedAt, ...rest }: ExportDocument) => (assert.ok(Date.parse(exportedAt) > 0), rest);

describe('export and import', () => {
  it('a Todoer export imported into a fresh account exports again as the same data', async () => {
    const [source, fresh] = await Promise.all([person('Exporter'), person('Importer')]);
    const home = await createList(source.session, 'Home', '#1a73e8');
    await createList(source.session, 'Empty');
    const inbox = await inboxOf(source.session);
    const first = await createTask(source.session, { title: 'Pay rent', listId: home.id, dueDate: '2026-12-31', dueTime: '09:30', priority: 'high', tags: ['Money', 'home'], description: 'Before noon' });
    const second = await createTask(source.session, { title: 'Fix the shelf', listId: home.id, subtasks: [{ title: 'Buy screws' }, { title: 'Find the drill', completed: true }] });
    await createTask(source.session, { title: 'Read a book', listId: inbox.id, dueDate: '2026-12-24', priority: 'low', recurrence: { rule: 'FREQ=MONTHLY;BYMONTHDAY=24', from: 'completion' } });
    const done = await createTask(source.session, { title: 'Water plants', listId: home.id, tags: ['weekly'] });
    // A manual order that is not the creation order, and a completed task.
    assertStatus(await source.session.request(`/api/tasks/${second.id}`, { method: 'PATCH', json: { position: 'Zz' } }), 200, 'move');
    assertStatus(await source.session.request(`/api/tasks/${done.id}`, { method: 'PATCH', json: { completed: true } }), 200, 'complete');
    assert.ok(first.id);

    const exported = await exportOf(source.session);
    assert.equal(exported.format, 'todoer-export');
    assert.equal(exported.version, 1);
    assert.match(exported.note, /Attachments/);
    assert.deepEqual((exported.lists[0]!.tasks[0] as unknown as { recurrence: unknown }).recurrence, { rule: 'FREQ=MONTHLY;BYMONTHDAY=24', from: 'completion' });
    assert.deepEqual(exported.lists.map((list) => [list.name, list.tasks.map((task) => task.title)]), [
      ['Inbox', ['Read a book']],
      ['Home', ['Fix the shelf', 'Pay rent', 'Water plants']],
      ['Empty', []],
    ]);

    const imported = await importFile(fresh.session, JSON.stringify(exported), 'application/json');
    assertStatus(imported, 201, 'POST /api/import');
    assert.deepEqual(imported.body, { imported: { lists: 2, tasks: 4 }, skipped: [], skippedCount: 0 });

    assert.deepEqual(withoutTime(await exportOf(fresh.session)), withoutTime(exported));
    const freshHome = (await lists(fresh.session)).find((list) => list.name === 'Home');
    assert.deepEqual(freshHome?.counts, { open: 2, overdue: 0 });
    const tasks = await allTasks(fresh.session, `listId=${freshHome!.id}&status=open`);
    assert.deepEqual(tasks.map((task) => task.title), ['Fix the shelf', 'Pay rent'], 'the manual order is kept');
  });

  it('exports the lists the caller owns, not lists others shared with them', async () => {
    const [owner, member] = await Promise.all([person('Owner'), person('Member')]);
    const theirs = await createList(owner.session, 'Owner list');
    await share(owner, theirs.id, member, 'editor');
    await createList(member.session, 'Mine');
    assert.deepEqual((await exportOf(member.session)).lists.map((list) => list.name), ['Inbox', 'Mine']);
    assert.deepEqual((await exportOf(owner.session)).lists.map((list) => list.name), ['Inbox', 'Owner list']);
  });

  it('imports a Todoist CSV export as one list named after the file, sections as tags', async () => {
    const { session } = await person();
    const response = await importFile(session, todoistCsv, 'text/csv; charset=utf-8', { name: 'Home.csv' });
    assertStatus(response, 201, 'POST /api/import (CSV)');
    assert.deepEqual(response.body.imported, { lists: 1, tasks: 4 });
    assert.deepEqual(response.body.skipped.map((entry) => entry.line), [15]);
    const home = (await lists(session)).find((list) => list.name === 'Home');
    assert.ok(home, 'the list is named after the file');
    const tasks = (await allTasks(session, `listId=${home.id}&status=open`)) as unknown as { title: string; tags: string[]; subtasks: { title: string }[]; priority: string }[];
    assert.deepEqual(tasks.map((task) => [task.title, task.tags, task.priority]), [
      ['Call the plumber', ['home'], 'high'],
      ['Buy milk', ['Groceries', 'errands', 'dairy'], 'medium'],
      ['Bread', ['Groceries'], 'low'],
      ['Prepare slides, v2', ['Work stuff'], 'medium'],
    ]);
    assert.deepEqual(tasks[1]!.subtasks.map((subtask) => subtask.title), ['Oat milk', 'Whole milk']);
    assert.deepEqual((tasks[2] as unknown as { recurrence: unknown }).recurrence, { rule: 'FREQ=WEEKLY;BYDAY=FR', from: 'due' }, 'Todoist’s “every friday” is the rule');
    const tagged = await allTasks(session, 'tag=groceries&status=open');
    assert.deepEqual(tagged.map((task) => task.title).sort(), ['Bread', 'Buy milk']);
  });

  it('refuses files that cannot be imported with a report, and writes nothing', async () => {
    const { session } = await person();
    await createTask(session, { title: 'Already here' });
    const before = await everything(session);
    const refusals: [string, string, string, number][] = [
      ['garbage JSON', '{"format": "todoer-export", "lists": [', 'application/json', 400],
      ['garbage CSV', '\u0000\u0001"unclosed\n', 'text/csv', 400],
      ['wrong columns', 'name,due\nMilk,tomorrow\n', 'text/csv', 400],
      ['wrong version', JSON.stringify({ format: 'todoer-export', version: 2, exportedAt: '2026-01-01T00:00:00Z', note: '', lists: [] }), 'application/json', 400],
      ['another format', JSON.stringify({ tasks: [{ title: 'x' }] }), 'application/json', 400],
    ];
    for (const [what, body, contentType, status] of refusals) {
      const response = await importFile(session, body, contentType);
      assertProblem(response, status, what);
      const report = (response.body as unknown as { report: Report }).report;
      assert.deepEqual(report.imported, { lists: 0, tasks: 0 }, what);
      assert.ok(report.skipped.length > 0 && report.skipped.every((entry) => entry.reason.length > 0), `${what}: the report says why`);
    }
    const huge = `TYPE,CONTENT,PRIORITY,INDENT\n${'task,A task that makes the file far too big,4,1\n'.repeat(120_000)}`;
    assert.ok(huge.length > 5 * 1024 * 1024);
    const tooLarge = await postTooLarge(session, huge, 'text/csv');
    assert.equal(tooLarge.status, 413, tooLarge.text);
    assert.match(tooLarge.type, /^application\/problem\+json/);
    assertProblem(await importFile(session, 'TYPE,CONTENT\n', 'text/plain'), 415, 'plain text');
    assert.deepEqual(await everything(session), before);
  });

  it('refuses an import past the lists quota before writing anything', async () => {
    const { session } = await person();
    const before = await everything(session);
    const many = Array.from({ length: 200 }, (_, index) => ({ name: `List ${index}`, color: null, position: `a${index}`, inbox: false, tasks: [] }));
    const document = { format: 'todoer-export', version: 1, exportedAt: '2026-12-01T00:00:00.000Z', note: '', lists: many };
    const response = await importFile(session, JSON.stringify(document), 'application/json');
    assertProblem(response, 409, 'over the quota');
    assert.deepEqual([(response.body as unknown as { limit: string }).limit, (response.body as unknown as { max: number }).max], ['lists', 200]);
    assert.deepEqual(await everything(session), before);
  });

  it('skips invalid tasks with their path and imports the rest', async () => {
    const { session } = await person();
    const task = { title: 'Good', description: null, priority: 'medium', dueDate: null, dueTime: null, tags: [], subtasks: [], position: 'a0', completed: false, completedAt: null, createdAt: '2026-11-01T00:00:00.000Z' };
    const document = { format: 'todoer-export', version: 1, exportedAt: '2026-12-01T00:00:00.000Z', note: '', lists: [{ name: 'Mixed', color: null, position: 'a0', inbox: false, tasks: [task, { ...task, title: 'x'.repeat(201) }, { ...task, tags: ['a', 'A'] }] }] };
    const response = await importFile(session, JSON.stringify(document), 'application/json');
    assertStatus(response, 201);
    assert.deepEqual(response.body.imported, { lists: 1, tasks: 1 });
    assert.deepEqual(response.body.skipped.map((entry) => entry.path), ['lists.0.tasks.1', 'lists.0.tasks.2']);
  });

  it('replaces order keys that would break later moves, keeping their order', async () => {
    const { session } = await person();
    const task = (title: string, position: string) => ({ title, description: null, priority: 'medium', dueDate: null, dueTime: null, tags: [], subtasks: [], position, completed: false, completedAt: null, createdAt: '2026-11-01T00:00:00.000Z' });
    // "a10" passes the key pattern but is no fractional index (a trailing zero): as the last key, nothing could go after it.
    const document = { format: 'todoer-export', version: 1, exportedAt: '2026-12-01T00:00:00.000Z', note: '', lists: [{ name: 'Keys', color: null, position: 'a0', inbox: false, tasks: [task('Ten', 'a10'), task('One', 'a1')] }] };
    assertStatus(await importFile(session, JSON.stringify(document), 'application/json'), 201);
    const keys = (await lists(session)).find((list) => list.name === 'Keys')!;
    await createTask(session, { title: 'Added after', listId: keys.id });
    const tasks = await allTasks(session, `listId=${keys.id}&status=open`);
    assert.deepEqual(tasks.map((item) => item.title), ['One', 'Ten', 'Added after']);
  });

  it('imports once for a retry with the same Idempotency-Key', async () => {
    const { session } = await person();
    const key = randomUUID();
    const first = await importFile(session, todoistCsv, 'text/csv', { name: 'Retried.csv', key });
    assertStatus(first, 201);
    const again = await importFile(session, todoistCsv, 'text/csv', { name: 'Retried.csv', key });
    assertStatus(again, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(again.body, first.body);
    assert.deepEqual((await lists(session)).map((list) => list.name), ['Inbox', 'Retried']);
  });
});
