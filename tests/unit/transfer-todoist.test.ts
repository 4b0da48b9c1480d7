import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { readTodoistCsv } from '../../lib/transfer/todoist';
import { rejected } from './transfer-helpers';

const fixture = readFileSync(new URL('../fixtures/todoist-export.csv', import.meta.url), 'utf8');
const context = { listName: 'Home', timeZone: 'Europe/Berlin', now: new Date('2026-12-01T10:00:00Z') };
const HEADER = 'TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE,DURATION,DURATION_UNIT';


describe('readTodoistCsv on a Todoist export', () => {
  const { plan, skipped } = readTodoistCsv(fixture, context);
  const [list] = plan.lists;

  it('makes one list named after the file', () => {
    assert.equal(plan.lists.length, 1);
    assert.equal(list!.name, 'Home');
    assert.equal(list!.inbox, false);
  });

  it('keeps the tasks in file order, flattening sections and @labels into tags', () => {
    assert.deepEqual(
      list!.tasks.map((task) => [task.title, task.tags]),
      [
        ['Call the plumber', ['home']],
        ['Buy milk', ['Groceries', 'errands', 'dairy']],
        ['Bread', ['Groceries']],
        ['Prepare slides, v2', ['Work stuff']],
      ],
    );
  });

  it('stamps the rows a millisecond apart in file order, so newest-first views keep an order', () => {
    const times = list!.tasks.map((task) => Date.parse(task.createdAt));
    assert.deepEqual(times, [...times].sort((a, b) => a - b));
    assert.equal(new Set(times).size, times.length);
    assert.ok(times.every((time) => time <= context.now.getTime()));
  });

  it('makes indented tasks subtasks of the task above, at any depth', () => {
    assert.deepEqual(list!.tasks[0]!.subtasks, [{ title: 'Find the warranty', completed: false }]);
    assert.deepEqual(list!.tasks[1]!.subtasks.map((subtask) => subtask.title), ['Oat milk', 'Whole milk']);
  });

  it('maps Todoist priorities (1 is the highest, 4 is none)', () => {
    assert.deepEqual(list!.tasks.map((task) => task.priority), ['high', 'medium', 'low', 'medium']);
  });

  it('reads dates in words in the row’s time zone', () => {
    assert.deepEqual([list!.tasks[0]!.dueDate, list!.tasks[0]!.dueTime], ['2026-12-02', '09:00']);
    assert.deepEqual([list!.tasks[1]!.dueDate, list!.tasks[1]!.dueTime], ['2026-12-24', null]);
    assert.equal(list!.tasks[3]!.dueDate, null);
  });

  it('turns a repeating date into the rule, due on its first occurrence', () => {
    assert.equal(list!.tasks[2]!.title, 'Bread');
    assert.deepEqual([list!.tasks[2]!.dueDate, list!.tasks[2]!.recurrence], ['2026-12-04', { rule: 'FREQ=WEEKLY;BYDAY=FR', from: 'due' }]);
  });

  it('keeps quoted descriptions and adds notes to the task above', () => {
    assert.equal(list!.tasks[0]!.description, 'Ask about the leak under the sink, and the "cheap" fix');
    assert.equal(list!.tasks[1]!.description, 'Check the expiry date');
  });

  it('reports what it skipped, by line', () => {
    assert.deepEqual(skipped.map((entry) => entry.line), [15]);
    assert.match(skipped[0]!.reason, /title/);
  });
});

describe('readTodoistCsv refuses what is not a Todoist export', () => {
  it('wrong columns', () => {
    const error = rejected(() => readTodoistCsv('name,due\nMilk,tomorrow\n', context));
    assert.match(JSON.stringify(error.extensions.report), /Missing columns: TYPE, CONTENT, PRIORITY, INDENT/);
  });

  it('a file with no task that can be imported', () => {
    const error = rejected(() => readTodoistCsv(`${HEADER}\ntask,,,4,1\nsection,Only a section\n`, context));
    assert.equal(error.message, 'Nothing in this file could be imported.');
  });

  it('binary garbage', () => {
    rejected(() => readTodoistCsv('\u0000\u0001\u0002garbage"\n\u0003', context));
  });
});

describe('readTodoistCsv edge cases', () => {
  it('skips a subtask with no task above it and an unknown row type', () => {
    const { plan, skipped } = readTodoistCsv(`${HEADER}\ntask,Orphan,,4,2\nlabel,x\ntask,Real,,4,1\n`, context);
    assert.deepEqual(plan.lists[0]!.tasks.map((task) => task.title), ['Real']);
    assert.deepEqual(skipped.map((entry) => entry.line), [2, 3]);
  });

  it('takes a task’s title rules from the task schema (control characters refused)', () => {
    const { skipped } = readTodoistCsv(`${HEADER}\ntask,Bad\u0007bell,,4,1\ntask,Good,,4,1\n`, context);
    assert.deepEqual(skipped.map((entry) => entry.line), [2]);
  });
});
