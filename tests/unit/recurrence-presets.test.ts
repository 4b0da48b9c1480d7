/** The repeat picker's presets and custom editor, as rules built from a due date. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeRecurrence } from '../../lib/recurrence/describe';
import { draftOf, draftRecurrence, isValidInterval, presetLabel, presetRule, repeatChoice, REPEAT_PRESETS } from '../../lib/recurrence/presets';

// 2026-12-07 is a Monday; 2028-02-29 a Tuesday in a leap year.
describe('repeat presets', () => {
  it('build each preset from the due date', () => {
    assert.deepEqual(
      REPEAT_PRESETS.map((preset) => presetRule(preset, '2026-12-07')),
      [null, 'FREQ=DAILY', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'FREQ=WEEKLY;BYDAY=MO', 'FREQ=MONTHLY;BYMONTHDAY=7', 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=7'],
    );
    assert.equal(presetRule('weekly', '2028-02-29'), 'FREQ=WEEKLY;BYDAY=TU');
    assert.equal(presetRule('weekly', '2026-12-13'), 'FREQ=WEEKLY;BYDAY=SU');
    assert.equal(presetRule('yearly', '2028-02-29'), 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29');
  });

  it('name the due day in their labels', () => {
    assert.deepEqual(
      REPEAT_PRESETS.map((preset) => presetLabel(preset, '2026-12-21')),
      ['None', 'Every day', 'Every weekday', 'Every week on Monday', 'Every month on the 21st', 'Every year on Dec 21'],
    );
    assert.equal(presetLabel('monthly', '2026-12-12'), 'Every month on the 12th');
    assert.equal(presetLabel('monthly', '2026-12-03'), 'Every month on the 3rd');
    assert.equal(presetLabel('weekly', null), 'Every week');
  });

  it('recognise a stored rule as its preset, in any spelling, and anything else as custom', () => {
    assert.equal(repeatChoice(null, '2026-12-07'), 'none');
    assert.equal(repeatChoice({ rule: 'FREQ=DAILY', from: 'due' }, '2026-12-07'), 'daily');
    assert.equal(repeatChoice({ rule: 'rrule:byday=fr,th,we,tu,mo;freq=weekly', from: 'due' }, '2026-12-07'), 'weekdays');
    assert.equal(repeatChoice({ rule: 'FREQ=WEEKLY;BYDAY=MO', from: 'due' }, '2026-12-07'), 'weekly');
    assert.equal(repeatChoice({ rule: 'FREQ=WEEKLY;BYDAY=MO', from: 'due' }, '2026-12-08'), 'custom');
    assert.equal(repeatChoice({ rule: 'FREQ=MONTHLY;BYMONTHDAY=7', from: 'due' }, '2026-12-07'), 'monthly');
    assert.equal(repeatChoice({ rule: 'FREQ=DAILY', from: 'completion' }, '2026-12-07'), 'custom');
    assert.equal(repeatChoice({ rule: 'FREQ=DAILY;INTERVAL=2', from: 'due' }, '2026-12-07'), 'custom');
    assert.equal(repeatChoice({ rule: 'NOT A RULE', from: 'due' }, '2026-12-07'), 'custom');
  });
});

describe('custom repeat editor', () => {
  it('starts from the task rule, or weekly on the due weekday', () => {
    assert.deepEqual(draftOf(null, '2026-12-09'), { freq: 'WEEKLY', interval: 1, weekdays: ['WE'], from: 'due' });
    assert.deepEqual(draftOf({ rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', from: 'completion' }, '2026-12-07'), {
      freq: 'WEEKLY',
      interval: 2,
      weekdays: ['MO', 'TH'],
      from: 'completion',
    });
    assert.deepEqual(draftOf({ rule: 'FREQ=MONTHLY;BYMONTHDAY=7', from: 'due' }, '2026-12-07'), { freq: 'MONTHLY', interval: 1, weekdays: ['MO'], from: 'due' });
  });

  it('writes the rule its fields mean, anchored on the due date', () => {
    const due = '2026-12-07';
    assert.deepEqual(draftRecurrence({ freq: 'DAILY', interval: 3, weekdays: ['MO'], from: 'completion' }, due), { rule: 'FREQ=DAILY;INTERVAL=3', from: 'completion' });
    assert.deepEqual(draftRecurrence({ freq: 'WEEKLY', interval: 2, weekdays: ['TH', 'MO'], from: 'due' }, due), { rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', from: 'due' });
    assert.deepEqual(draftRecurrence({ freq: 'WEEKLY', interval: 1, weekdays: [], from: 'due' }, due), { rule: 'FREQ=WEEKLY;BYDAY=MO', from: 'due' });
    assert.deepEqual(draftRecurrence({ freq: 'MONTHLY', interval: 1, weekdays: ['MO'], from: 'due' }, '2027-01-31'), { rule: 'FREQ=MONTHLY;BYMONTHDAY=31', from: 'due' });
    assert.deepEqual(draftRecurrence({ freq: 'YEARLY', interval: 2, weekdays: [], from: 'due' }, due), { rule: 'FREQ=YEARLY;INTERVAL=2;BYMONTH=12;BYMONTHDAY=7', from: 'due' });
    assert.equal(describeRecurrence(draftRecurrence({ freq: 'WEEKLY', interval: 2, weekdays: ['MO'], from: 'completion' }, due)), 'Every 2 weeks on Monday after completion');
  });

  it('round-trips a draft through its rule', () => {
    const draft = { freq: 'WEEKLY', interval: 3, weekdays: ['TU', 'FR'], from: 'completion' } as const;
    assert.deepEqual(draftOf(draftRecurrence(draft, '2026-12-07'), '2026-12-07'), draft);
  });

  it('accepts intervals from 1 to 999 only', () => {
    assert.deepEqual([0, 1, 999, 1000, 1.5, Number.NaN].map(isValidInterval), [false, true, true, false, false, false]);
  });
});
