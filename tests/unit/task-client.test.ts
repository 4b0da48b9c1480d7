/** The task client's pure parts: answers checked before use, and the cache's twin of the server's filters. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../lib/client/api';
import { expectShape } from '../../lib/client/response-guards';
import { isParsedTaskText, isStartedUpload, isTask, isTaskPage } from '../../lib/client/task-guards';
import { DEFAULT_TASK_FILTERS, sortOf, taskListQuery, taskMatchesFilters } from '../../lib/query/task-filters';

const task = {
  id: 't1',
  listId: 'l1',
  title: 'Buy milk',
  description: null,
  completed: false,
  priority: 'medium',
  dueDate: '2030-01-02',
  dueTime: '17:00',
  tags: ['Errands'],
  subtasks: [{ id: 's1', title: 'Oat', completed: false }],
  position: 'a0',
  completedAt: null,
  createdBy: 'u1',
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
  version: 1,
  recurrence: null,
  attachments: [
    { id: 'a1', fileName: 'dog.jpg', contentType: 'image/jpeg', size: 10, status: 'ready', labelling: 'done', labels: [{ name: 'Dog', confidence: 98 }], createdAt: '2030-01-01T00:00:00.000Z' },
  ],
};

describe('response guards', () => {
  it('accept a task and a page of tasks as the API sends them', () => {
    assert.equal(isTask(task), true);
    assert.equal(isTask({ ...task, recurrence: { rule: 'FREQ=WEEKLY;BYDAY=MO', from: 'completion' } }), true);
    assert.equal(isTaskPage({ items: [task], nextCursor: null }), true);
    assert.equal(isTaskPage({ items: [], nextCursor: 'abc' }), true);
  });

  it('refuse a task with a missing or mistyped field', () => {
    for (const broken of [
      { ...task, id: 1 },
      { ...task, version: '1' },
      { ...task, tags: 'Errands' },
      { ...task, subtasks: [{ id: 's1', title: 'Oat' }] },
      { ...task, attachments: [{ ...task.attachments[0], labels: [{ name: 'Dog' }] }] },
      { ...task, dueDate: undefined },
      { ...task, recurrence: undefined },
      { ...task, recurrence: { rule: 'FREQ=DAILY', from: 'start' } },
      null,
      [task],
    ]) {
      assert.equal(isTask(broken), false, JSON.stringify(broken));
    }
    assert.equal(isTaskPage({ items: [task] }), false);
  });

  it('check an upload and a quick-add reading', () => {
    assert.equal(isStartedUpload({ attachment: task.attachments[0], upload: { url: 'http://s3', fields: { key: 'k' }, expiresAt: 'x' } }), true);
    assert.equal(isStartedUpload({ attachment: task.attachments[0], upload: { url: 'http://s3', fields: { key: 1 }, expiresAt: 'x' } }), false);
    const reading = { title: 'Buy milk', dueDate: null, dueTime: null, priority: null, listId: null, newListName: null, tags: [], parts: [], recurrence: null, recurrencePart: null };
    assert.equal(isParsedTaskText(reading), true);
    const weekly = { ...reading, dueDate: '2030-01-07', recurrence: { rule: 'FREQ=WEEKLY;BYDAY=MO', from: 'due' }, recurrencePart: { type: 'recurrence', text: 'every monday', start: 9, end: 21 } };
    assert.equal(isParsedTaskText(weekly), true);
    assert.equal(isParsedTaskText({ ...weekly, recurrencePart: { ...weekly.recurrencePart, type: 'date' } }), false);
    assert.equal(isParsedTaskText({ ...weekly, recurrencePart: undefined }), false);
    assert.equal(isParsedTaskText({ ...reading, parts: [{ type: 'tag', text: '+x' }] }), false);
  });

  it('expectShape turns a garbled answer into an ApiError a person can read', () => {
    assert.throws(() => expectShape({ nope: true }, isTask, 'a task'), (error: unknown) => error instanceof ApiError && /could not read/.test(error.detail));
    assert.equal(expectShape(task, isTask, 'a task'), task);
  });
});

describe('taskMatchesFilters', () => {
  const open = { ...DEFAULT_TASK_FILTERS, status: 'open' as const };
  const typed = task as unknown as Parameters<typeof taskMatchesFilters>[0];

  it('follows status, list, tag ignoring case, label and search', () => {
    assert.equal(taskMatchesFilters(typed, open), true);
    assert.equal(taskMatchesFilters({ ...typed, completed: true }, open), false);
    assert.equal(taskMatchesFilters({ ...typed, completed: true }, { ...open, status: 'done' }), true);
    assert.equal(taskMatchesFilters(typed, { ...open, listId: 'l2' }), false);
    assert.equal(taskMatchesFilters(typed, { ...open, tag: 'errands' }), true);
    assert.equal(taskMatchesFilters(typed, { ...open, tag: 'work' }), false);
    assert.equal(taskMatchesFilters(typed, { ...open, label: 'dog' }), true);
    assert.equal(taskMatchesFilters(typed, { ...open, label: 'cat' }), false);
    assert.equal(taskMatchesFilters(typed, { ...open, q: 'MILK' }), true);
    assert.equal(taskMatchesFilters(typed, { ...open, q: 'bread' }), false);
  });
});

describe('list queries', () => {
  it('default to manual order inside one list and newest first elsewhere', () => {
    assert.equal(sortOf({ ...DEFAULT_TASK_FILTERS, listId: 'l1' }), 'manual');
    assert.equal(sortOf({ ...DEFAULT_TASK_FILTERS, listId: 'l1', tag: 'x' }), 'created');
    assert.equal(sortOf(DEFAULT_TASK_FILTERS), 'created');
    assert.equal(sortOf({ ...DEFAULT_TASK_FILTERS, sort: 'priority' }), 'priority');
  });

  it('send a chosen sort for open tasks only (completed ones are newest first)', () => {
    assert.deepEqual(taskListQuery({ ...DEFAULT_TASK_FILTERS, sort: 'due', tag: 'calls' }), { status: 'open', limit: '20', tag: 'calls', sort: 'due' });
    assert.deepEqual(taskListQuery({ ...DEFAULT_TASK_FILTERS, status: 'done', sort: 'due' }), { status: 'done', limit: '20' });
  });
});
