/** The field-by-field merge of an offline change that met a newer version (412). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeTaskChanges, resolveConflicts } from '../../lib/offline/merge';
import type { Task } from '../../lib/tasks/schema';

const base: Task = {
  id: 't1',
  listId: 'l1',
  title: 'Buy milk',
  description: null,
  completed: false,
  priority: 'medium',
  dueDate: null,
  dueTime: null,
  tags: ['errands'],
  subtasks: [{ id: 's1', title: 'Oat', completed: false }],
  position: 'a0',
  recurrence: null,
  completedAt: null,
  createdBy: 'u1',
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
  version: 1,
  attachments: [],
} as Task;

describe('mergeTaskChanges', () => {
  it('sends again the fields only the person changed, and keeps the server’s other changes', () => {
    const theirs = { ...base, priority: 'high', version: 2 } as Task;
    const result = mergeTaskChanges(base, { title: 'Buy oat milk', completed: true }, theirs);
    assert.deepEqual(result, { changes: { title: 'Buy oat milk', completed: true }, conflicts: [] });
  });

  it('reports a field both changed to different values as a conflict, with both values', () => {
    const theirs = { ...base, title: 'Buy soy milk', version: 2 } as Task;
    const result = mergeTaskChanges(base, { title: 'Buy oat milk', priority: 'low' }, theirs);
    assert.deepEqual(result.changes, { priority: 'low' });
    assert.deepEqual(result.conflicts, [{ field: 'title', mine: 'Buy oat milk', theirs: 'Buy soy milk' }]);
  });

  it('drops a change the server already has, or one that changes nothing', () => {
    const theirs = { ...base, title: 'Buy oat milk', version: 2 } as Task;
    assert.deepEqual(mergeTaskChanges(base, { title: 'Buy oat milk', description: null }, theirs), { changes: {}, conflicts: [] });
  });

  it('compares arrays by value: tags and subtasks (new subtasks have no id yet)', () => {
    const theirs = { ...base, tags: ['home'], version: 2 } as Task;
    const result = mergeTaskChanges(base, { tags: ['errands', 'shop'], subtasks: [{ id: 's1', title: 'Oat', completed: true }, { title: 'Soy', completed: false }] }, theirs);
    assert.deepEqual(result.changes, { subtasks: [{ id: 's1', title: 'Oat', completed: true }, { title: 'Soy', completed: false }] });
    assert.deepEqual(result.conflicts, [{ field: 'tags', mine: ['errands', 'shop'], theirs: ['home'] }]);
  });
});

describe('resolveConflicts', () => {
  it('sends the person’s value where they chose theirs-over-server, nothing where they chose the server’s', () => {
    const conflicts = [
      { field: 'title', mine: 'Mine', theirs: 'Theirs' },
      { field: 'priority', mine: 'low', theirs: 'high' },
    ] as const;
    assert.deepEqual(resolveConflicts(conflicts, { title: 'mine', priority: 'theirs' }), { title: 'Mine' });
  });
});
