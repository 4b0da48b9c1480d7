import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readExportDocument } from '../../lib/transfer/document';
import { EXPORT_FORMAT, EXPORT_NOTE, EXPORT_VERSION, type ExportDocument } from '../../lib/transfer/model';
import { rejected } from './transfer-helpers';

const task = {
  title: 'Pay rent',
  description: null,
  priority: 'high',
  dueDate: '2026-12-31',
  dueTime: '09:30',
  tags: ['home'],
  subtasks: [{ title: 'Check the amount', completed: true }],
  recurrence: { rule: 'FREQ=MONTHLY;BYMONTHDAY=31', from: 'due' },
  position: 'a0',
  completed: false,
  completedAt: null,
  createdAt: '2026-11-30T08:00:00.000Z',
} as const;
const documentWith = (tasks: unknown[]): ExportDocument =>
  ({ format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: '2026-12-01T00:00:00.000Z', note: EXPORT_NOTE, lists: [{ name: 'Home', color: '#1a73e8', position: 'a0', inbox: false, tasks }] }) as ExportDocument;


describe('readExportDocument', () => {
  it('reads an export back to the same fields', () => {
    const { plan, skipped } = readExportDocument(JSON.stringify(documentWith([task])));
    assert.deepEqual(skipped, []);
    assert.deepEqual(plan.lists[0]!.tasks, [task]);
    assert.equal(plan.lists[0]!.color, '#1a73e8');
  });

  it('reads an export made before recurrence (no field) as plain tasks', () => {
    const older = Object.fromEntries(Object.entries(task).filter(([field]) => field !== 'recurrence'));
    const { plan, skipped } = readExportDocument(JSON.stringify(documentWith([older])));
    assert.deepEqual(skipped, []);
    assert.equal(plan.lists[0]!.tasks[0]!.recurrence, null);
  });

  it('skips a recurring task without a due date, and a rule it cannot read', () => {
    const { plan, skipped } = readExportDocument(
      JSON.stringify(documentWith([{ ...task, dueDate: null, dueTime: null }, { ...task, recurrence: { rule: 'FREQ=HOURLY', from: 'due' } }])),
    );
    assert.equal(plan.lists[0]!.tasks.length, 0);
    assert.deepEqual(skipped.map((entry) => entry.path), ['lists.0.tasks.0', 'lists.0.tasks.1']);
    assert.match(skipped[0]!.reason, /recurrence needs a due date/);
  });

  it('skips an invalid task with its path and imports the rest', () => {
    const { plan, skipped } = readExportDocument(JSON.stringify(documentWith([task, { ...task, dueDate: null }, { ...task, title: '' }])));
    assert.equal(plan.lists[0]!.tasks.length, 1);
    assert.deepEqual(skipped.map((entry) => entry.path), ['lists.0.tasks.1', 'lists.0.tasks.2']);
    assert.match(skipped[0]!.reason, /due time needs a due date/);
  });

  it('refuses garbage, another format and another version', () => {
    rejected(() => readExportDocument('not json at all'));
    rejected(() => readExportDocument(JSON.stringify({ ...documentWith([]), format: 'something-else' })));
    const wrongVersion = rejected(() => readExportDocument(JSON.stringify({ ...documentWith([]), version: 2 })));
    assert.match(JSON.stringify(wrongVersion.extensions.report), /Only version 1/);
  });

  it('refuses two Inboxes', () => {
    const twoInboxes = { ...documentWith([]), lists: [0, 1].map(() => ({ name: 'Inbox', color: null, position: '0', inbox: true, tasks: [] })) };
    rejected(() => readExportDocument(JSON.stringify(twoInboxes)));
  });
});
