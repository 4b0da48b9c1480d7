import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dueText, reminderEmail } from '../../lib/email/templates';
import { dueKeyOf, dueShardOf, DUE_SHARDS, notificationIdOf, replannedItem, reminderItem } from '../../lib/reminders/items';
import { plannedInstant, UNTIMED_DUE_TIME } from '../../lib/reminders/rules';
import { remindersInputSchema } from '../../lib/reminders/schema';

describe('plannedInstant: when a reminder fires, on the person’s calendar', () => {
  const cases: [string, Parameters<typeof plannedInstant>, string | null][] = [
    ['an absolute instant stays itself, normalized to UTC', [{ at: '2031-03-01T10:00:00+02:00' }, { dueDate: null, dueTime: null }, 'Europe/Berlin'], '2031-03-01T08:00:00.000Z'],
    ['at the due time, in UTC', [{ before: 0 }, { dueDate: '2031-06-10', dueTime: '17:30' }, 'UTC'], '2031-06-10T17:30:00.000Z'],
    ['30 min before, Berlin summer (UTC+2)', [{ before: 30 }, { dueDate: '2031-07-01', dueTime: '10:00' }, 'Europe/Berlin'], '2031-07-01T07:30:00.000Z'],
    ['30 min before, Berlin winter (UTC+1)', [{ before: 30 }, { dueDate: '2031-01-15', dueTime: '10:00' }, 'Europe/Berlin'], '2031-01-15T08:30:00.000Z'],
    ['a day before crosses spring-forward: 24 h of real time', [{ before: 1440 }, { dueDate: '2031-03-31', dueTime: '09:00' }, 'Europe/Berlin'], '2031-03-30T07:00:00.000Z'],
    ['New York, the morning after clocks go back', [{ before: 60 }, { dueDate: '2031-11-03', dueTime: '09:00' }, 'America/New_York'], '2031-11-03T13:00:00.000Z'],
    ['a time skipped by spring-forward counts from the first minute after the gap', [{ before: 0 }, { dueDate: '2031-03-30', dueTime: '02:30' }, 'Europe/Berlin'], '2031-03-30T01:00:00.000Z'],
    [`a task without a time counts from ${UNTIMED_DUE_TIME}`, [{ before: 10 }, { dueDate: '2031-06-10', dueTime: null }, 'Asia/Tokyo'], '2031-06-09T23:50:00.000Z'],
    ['a week before, the most allowed', [{ before: 10_080 }, { dueDate: '2031-06-10', dueTime: '12:00' }, 'UTC'], '2031-06-03T12:00:00.000Z'],
    ['nothing to count back from without a due date', [{ before: 30 }, { dueDate: null, dueTime: null }, 'UTC'], null],
  ];
  for (const [name, args, expected] of cases) it(name, () => assert.equal(plannedInstant(...args), expected));
});

describe('reminder items', () => {
  const fields = { reminder_id: 'r1', user_id: 'u1', task_id: 't1', task_owner: 'u0', rule: { before: 30 }, time_zone: 'UTC', at: '2031-06-10T17:00:00.000Z' };

  it('a new item is pending in the due index, under its shard, keyed by time then id', () => {
    const item = reminderItem(fields);
    assert.equal(item.due_key, dueKeyOf(fields.at, 'r1'));
    assert.ok(Number(item.due_shard) >= 0 && Number(item.due_shard) < DUE_SHARDS);
    assert.equal(item.due_shard, dueShardOf('r1'));
  });

  it('a re-planned item is pending again with nothing sent and no claim', () => {
    const sent = { ...reminderItem(fields), sent_channels: ['inApp' as const], lease_owner: 'x', lease_until: 1, sent_at: 'then' };
    const moved = replannedItem(sent, '2031-06-11T17:00:00.000Z');
    assert.deepEqual([moved.sent_channels, moved.lease_owner, moved.lease_until, moved.sent_at], [undefined, undefined, undefined, undefined]);
    assert.equal(moved.due_key, dueKeyOf('2031-06-11T17:00:00.000Z', 'r1'));
  });

  it('one notification id per reminder and instant', () => {
    assert.equal(notificationIdOf('r1', 'a'), notificationIdOf('r1', 'a'));
    assert.notEqual(notificationIdOf('r1', 'a'), notificationIdOf('r1', 'b'));
  });
});

describe('remindersInputSchema', () => {
  it('takes at and before, and a reminder sent back as GET answered it', () => {
    const parsed = remindersInputSchema.parse([{ at: '2031-01-01T09:00:00+01:00' }, { id: 'x', at: '2031-01-01T08:30:00.000Z', before: 30 }]);
    assert.deepEqual(parsed, [{ at: '2031-01-01T08:00:00.000Z' }, { before: 30 }]);
  });

  it('refuses more than five, out-of-range minutes, non-instants and repeats', () => {
    for (const bad of [Array.from({ length: 6 }, (_, i) => ({ before: i })), [{ before: 10_081 }], [{ before: 1.5 }], [{ at: '2031-01-01' }], [{ before: 5 }, { before: 5 }], [null]]) {
      assert.equal(remindersInputSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });
});

describe('the reminder email', () => {
  it('names the task and its due date, and links to it', () => {
    const email = reminderEmail({ taskTitle: 'Pay <rent>', dueDate: '2031-12-02', dueTime: '17:00', taskUrl: 'https://todoer.dev/?task=abc' });
    assert.equal(email.subject, 'Reminder: Pay <rent>');
    assert.match(email.text, /Due: Tuesday, 2 December 2031 at 17:00/);
    assert.match(email.text, /https:\/\/todoer\.dev\/\?task=abc/);
    assert.match(email.html, /Pay &lt;rent&gt;/);
    assert.equal(dueText(null, null), null);
  });
});
