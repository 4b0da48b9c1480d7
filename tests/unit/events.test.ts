/** Task events: how changes become events, how the worker reads messages, how entries read to people. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { describeActivity, timeAgo } from '../../components/activity/describe';
import { activityItem, toActivity } from '../../lib/activity/item';
import { attachmentReady, occurrenceCompleted, taskChanged, taskCreated, taskDeleted } from '../../lib/events/build';
import { inOrder, PENDING_SHARDS, pendingAttributes, pendingEventsOf, pendingShardOf } from '../../lib/events/pending';
import { taskEventSchema } from '../../lib/events/schema';
import type { Task } from '../../lib/tasks/schema';
import { eventFromBody, PoisonMessageError } from '../../worker/message';

const USER = { id: 'user-1', name: 'Sam' };

function task(overrides: Partial<Task> = {}): Task {
  return {
    id: randomUUID(),
    listId: randomUUID(),
    title: 'Buy milk',
    description: null,
    completed: false,
    priority: 'medium',
    dueDate: null,
    dueTime: null,
    tags: [],
    subtasks: [],
    position: 'a0',
    recurrence: null,
    completedAt: null,
    createdBy: USER.id,
    createdAt: '2026-11-25T10:00:00.000Z',
    updatedAt: '2026-11-25T10:00:00.000Z',
    version: 1,
    attachments: [],
    ...overrides,
  };
}

describe('events from task changes', () => {
  it('every built event satisfies the schema the worker checks', () => {
    const before = task();
    const after = { ...before, completed: true, version: 2 };
    const image = { id: randomUUID(), fileName: 'dog.jpg', contentType: 'image/jpeg', size: 10, status: 'ready' as const, labels: [{ name: 'Dog', confidence: 97 }], labelling: 'done' as const, createdAt: before.createdAt };
    for (const event of [taskCreated(USER, before), taskChanged(USER, before, after), taskDeleted(USER, after), attachmentReady(USER, after, image)]) {
      assert.ok(event);
      assert.equal(taskEventSchema.safeParse(event).success, true, JSON.stringify(event));
      assert.equal(event.userId, USER.id);
      assert.equal(event.actorName, 'Sam');
      assert.equal(event.listId, before.listId);
    }
  });

  it('a done flip is task.completed / task.reopened; other changes are task.updated with from/to', () => {
    const before = task();
    assert.equal(taskChanged(USER, before, { ...before, completed: true, version: 2 })?.type, 'task.completed');
    assert.equal(taskChanged(USER, { ...before, completed: true }, { ...before, version: 2 })?.type, 'task.reopened');
    const renamed = taskChanged(USER, before, { ...before, title: 'Buy oat milk', dueDate: '2026-12-01', version: 2 });
    assert.equal(renamed?.type, 'task.updated');
    assert.equal(renamed?.version, 2);
    assert.equal(renamed?.data.title, 'Buy oat milk');
    assert.deepEqual(renamed?.data.changes, { title: { from: 'Buy milk', to: 'Buy oat milk' }, dueDate: { from: null, to: '2026-12-01' } });
  });

  it('nothing changed: no event', () => {
    const before = task();
    assert.equal(taskChanged(USER, before, { ...before, version: 2, updatedAt: 'later' }), null);
  });
});

describe('events waiting on the task item', () => {
  const before = task();
  const completed = { ...before, completed: true, version: 2 };
  const created = taskCreated(USER, before);
  const done = taskChanged(USER, before, completed)!;
  // A delete reports the version it deleted, the same as the last change's: time breaks the tie.
  const deleted = { ...taskDeleted(USER, completed), at: new Date(Date.parse(done.at) + 1).toISOString() };

  it('are ordered by the version each change made, then by time', () => {
    assert.deepEqual(inOrder([deleted, created, done]).map((event) => event.type), ['task.created', 'task.completed', 'task.deleted']);
  });

  it('round-trip through the item attributes, in order, under one shard and the given time', () => {
    const attributes = pendingAttributes(before.id, [deleted, done, created], '2026-11-25T10:00:01.000Z');
    assert.ok('pending_events' in attributes);
    assert.deepEqual(Object.keys(attributes.pending_events).sort(), [created.id, done.id, deleted.id].sort());
    assert.equal(attributes.pending_shard, pendingShardOf(before.id));
    assert.equal(attributes.pending_since, '2026-11-25T10:00:01.000Z');
    assert.deepEqual(pendingEventsOf(attributes), [created, done, deleted]);
  });

  it('no events: no attributes, so the item stays out of the sparse index', () => {
    assert.deepEqual(pendingAttributes(before.id, [], '2026-11-25T10:00:01.000Z'), {});
    assert.deepEqual(pendingEventsOf({}), []);
  });

  it('an entry that is not an event is left out rather than failing the sweep', () => {
    assert.deepEqual(pendingEventsOf({ pending_events: { a: 'not json', b: JSON.stringify({ id: 'x' }), [created.id]: JSON.stringify(created) } }), [created]);
  });

  it('spreads items over the shards', () => {
    const shards = new Set(Array.from({ length: 200 }, () => pendingShardOf(randomUUID())));
    assert.deepEqual([...shards].sort(), Array.from({ length: PENDING_SHARDS }, (_, index) => String(index)));
  });
});

describe('queue messages', () => {
  const event = taskCreated(USER, task());

  it('a raw body and an SNS envelope both give the event', () => {
    assert.deepEqual(eventFromBody(JSON.stringify(event)), event);
    assert.deepEqual(eventFromBody(JSON.stringify({ Type: 'Notification', MessageId: 'm', Message: JSON.stringify(event) })), event);
  });

  it('anything else is a poison message', () => {
    for (const body of [undefined, '', 'not json', '{}', JSON.stringify({ ...event, type: 'task.exploded' }), JSON.stringify({ ...event, extra: 1 })]) {
      assert.throws(() => eventFromBody(body), PoisonMessageError, String(body));
    }
  });

  it('stored and read back, an event keeps its identity; the key makes redeliveries collide', () => {
    const item = activityItem(event);
    assert.equal(item.sk, `${event.at}#${event.id}`);
    assert.equal(item.task_key, event.taskId);
    assert.equal(item.list_id, event.listId);
    assert.equal(activityItem(event).sk, item.sk);
    assert.ok(item.expires_at > Date.parse(event.at) / 1000 + 300 * 24 * 3600, 'kept for about a year');
    const entry = toActivity(item);
    assert.deepEqual([entry.id, entry.type, entry.taskId, entry.title], [event.id, 'task.created', event.taskId, 'Buy milk']);
    assert.deepEqual(entry.actor, { id: USER.id, name: 'Sam' });
  });
});

describe('activity in words', () => {
  const base = toActivity(activityItem(taskCreated(USER, task())));

  it('names what happened to which task', () => {
    assert.equal(describeActivity(base), 'Created “Buy milk”');
    assert.equal(describeActivity({ ...base, type: 'task.completed' }), 'Completed “Buy milk”');
    assert.equal(describeActivity({ ...base, type: 'task.reopened' }), 'Reopened “Buy milk”');
    assert.equal(describeActivity({ ...base, type: 'task.deleted' }), 'Deleted “Buy milk”');
    assert.equal(
      describeActivity({ ...base, type: 'task.updated', changes: { title: { from: 'Milk', to: 'Buy milk' } } }),
      'Renamed “Milk” to “Buy milk”',
    );
    assert.equal(
      describeActivity({ ...base, type: 'task.updated', changes: { priority: { from: 'low', to: 'high' }, dueDate: { from: null, to: '2026-12-01' } } }),
      'Edited “Buy milk” (priority, due date)',
    );
    assert.equal(
      describeActivity({ ...base, type: 'attachment.ready', attachment: { id: randomUUID(), fileName: 'dog.jpg', labels: ['Dog', 'Animal'] } }),
      'Attached “dog.jpg” to “Buy milk”, labelled Dog, Animal',
    );
  });

  it('names the occurrence a recurring completion completed, and changes to the rule', () => {
    const weekly = { rule: 'FREQ=WEEKLY;BYDAY=MO', from: 'due' as const };
    const before = task({ dueDate: '2026-12-07', recurrence: weekly });
    const event = occurrenceCompleted(USER, before, { ...before, dueDate: '2026-12-14', version: 2 }, '2026-12-07');
    assert.equal(taskEventSchema.parse(event).data.occurrence, '2026-12-07', 'the contract carries it');
    const entry = toActivity(activityItem(event));
    assert.deepEqual([entry.type, entry.occurrence, entry.changes], ['task.completed', '2026-12-07', { dueDate: { from: '2026-12-07', to: '2026-12-14' } }]);
    assert.equal(describeActivity(entry), 'Completed the Dec 7 occurrence of “Buy milk”');
    const ended = taskChanged(USER, before, { ...before, recurrence: null, version: 2 })!;
    assert.equal(describeActivity(toActivity(activityItem(ended))), 'Stopped repeating “Buy milk”');
    const plain = task();
    const started = taskChanged(USER, plain, { ...plain, recurrence: weekly, version: 2 })!;
    assert.equal(describeActivity(toActivity(activityItem(started))), 'Set “Buy milk” to repeat every Monday');
    assert.equal(taskChanged(USER, before, { ...before, recurrence: { ...weekly }, version: 2 }), null, 'an equal rule is no change');
  });

  it("names the member who made a change on a shared list, but not the viewer's own changes", () => {
    const completed = { ...base, type: 'task.completed' as const };
    assert.equal(describeActivity(completed, 'someone-else'), 'Sam completed “Buy milk”');
    assert.equal(describeActivity(completed, USER.id), 'Completed “Buy milk”');
    assert.equal(describeActivity({ ...completed, actor: { id: USER.id, name: null } }, 'someone-else'), 'Completed “Buy milk”');
    assert.equal(
      describeActivity({ ...base, type: 'task.updated', changes: { listId: { from: randomUUID(), to: randomUUID() } } }, USER.id),
      'Moved “Buy milk” to another list',
    );
  });

  it('says how long ago', () => {
    const now = Date.parse('2026-11-25T12:00:00.000Z');
    assert.equal(timeAgo('2026-11-25T11:59:40.000Z', now), 'just now');
    assert.equal(timeAgo('2026-11-25T11:58:00.000Z', now), '2 min ago');
    assert.equal(timeAgo('2026-11-25T09:00:00.000Z', now), '3 h ago');
    assert.equal(timeAgo('2026-11-24T09:00:00.000Z', now), 'yesterday');
  });
});
