/** The next-occurrence engine on a table of dates people get wrong, and local times across DST. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { occurrenceInstant } from '../../lib/recurrence/instant';
import { firstOccurrenceFrom, nextOccurrence, pinnedRule } from '../../lib/recurrence/next-occurrence';
import type { RecurrenceFrom } from '../../lib/recurrence/rules';
import { recurrenceSchema } from '../../lib/recurrence/schema';

type Case = readonly [label: string, rule: string, from: RecurrenceFrom, dueDate: string, completedOn: string, next: string | null, storedRule?: string];

// Weekdays checked against the calendar: 2026-12-01 is a Tuesday, 2027-01-01 a Friday, 2028 a leap year.
const CASES: readonly Case[] = [
  ['daily', 'FREQ=DAILY', 'due', '2026-12-01', '2026-12-01', '2026-12-02'],
  ['every 3 days across the year end', 'FREQ=DAILY;INTERVAL=3', 'due', '2026-12-30', '2026-12-30', '2027-01-02'],
  ['every 3 days from completion counts from the completion day', 'FREQ=DAILY;INTERVAL=3', 'completion', '2026-12-01', '2026-12-05', '2026-12-08'],
  ['daily completed 11 days late: one step after the old due date (SPEC §6.2)', 'FREQ=DAILY', 'due', '2026-11-20', '2026-12-01', '2026-11-21'],
  ['daily from completion, completed before it was due', 'FREQ=DAILY', 'completion', '2026-12-10', '2026-12-01', '2026-12-02'],
  ['daily with a BYDAY filter', 'FREQ=DAILY;BYDAY=MO,WE,FR', 'due', '2026-12-04', '2026-12-04', '2026-12-07'],
  ['every Monday', 'FREQ=WEEKLY;BYDAY=MO', 'due', '2026-12-07', '2026-12-07', '2026-12-14'],
  ['every Monday, due on a Wednesday', 'FREQ=WEEKLY;BYDAY=MO', 'due', '2026-12-02', '2026-12-02', '2026-12-07'],
  ['Monday and Thursday, from Monday', 'FREQ=WEEKLY;BYDAY=MO,TH', 'due', '2026-12-07', '2026-12-07', '2026-12-10'],
  ['Monday and Thursday, from Thursday', 'FREQ=WEEKLY;BYDAY=MO,TH', 'due', '2026-12-10', '2026-12-10', '2026-12-14'],
  ['every weekday, from Friday', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'due', '2026-12-04', '2026-12-04', '2026-12-07'],
  ['every weekend, from Saturday', 'FREQ=WEEKLY;BYDAY=SA,SU', 'due', '2026-12-05', '2026-12-05', '2026-12-06'],
  ['every 2 weeks on Monday', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', 'due', '2026-12-07', '2026-12-07', '2026-12-21'],
  ['every 2 weeks, weekday from the due date', 'FREQ=WEEKLY;INTERVAL=2', 'due', '2026-12-01', '2026-12-01', '2026-12-15'],
  ['every Monday from completion, done on a Wednesday', 'FREQ=WEEKLY;BYDAY=MO', 'completion', '2026-12-07', '2026-12-09', '2026-12-14'],
  ['every Monday from completion, done on a Monday: strictly after', 'FREQ=WEEKLY;BYDAY=MO', 'completion', '2026-12-07', '2026-12-14', '2026-12-21'],
  ['every week from completion: a week after it', 'FREQ=WEEKLY', 'completion', '2026-12-07', '2026-12-09', '2026-12-16'],
  ['every 2 weeks on Monday from completion: Monday of the week two weeks on', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', 'completion', '2026-12-07', '2026-12-09', '2026-12-21'],
  ['every Monday completed early, from due: one step on', 'FREQ=WEEKLY;BYDAY=MO', 'due', '2026-12-14', '2026-12-09', '2026-12-21'],
  ['every Friday, four missed', 'FREQ=WEEKLY;BYDAY=FR', 'due', '2026-11-06', '2026-12-01', '2026-11-13'],
  ['the 15th of each month', 'FREQ=MONTHLY;BYMONTHDAY=15', 'due', '2026-12-15', '2026-12-15', '2027-01-15'],
  ['the 31st falls on Feb 28', 'FREQ=MONTHLY;BYMONTHDAY=31', 'due', '2027-01-31', '2027-01-31', '2027-02-28'],
  ['the 31st comes back after February', 'FREQ=MONTHLY;BYMONTHDAY=31', 'due', '2027-02-28', '2027-02-28', '2027-03-31'],
  ['the 31st falls on Apr 30', 'FREQ=MONTHLY;BYMONTHDAY=31', 'due', '2027-03-31', '2027-03-31', '2027-04-30'],
  ['the 31st in a leap February', 'FREQ=MONTHLY;BYMONTHDAY=31', 'due', '2028-01-31', '2028-01-31', '2028-02-29'],
  ['the 30th in a leap February', 'FREQ=MONTHLY;BYMONTHDAY=30', 'due', '2028-01-30', '2028-01-30', '2028-02-29'],
  ['the 30th in a common February', 'FREQ=MONTHLY;BYMONTHDAY=30', 'due', '2027-01-30', '2027-01-30', '2027-02-28'],
  ['the 29th in a common February', 'FREQ=MONTHLY;BYMONTHDAY=29', 'due', '2027-01-29', '2027-01-29', '2027-02-28'],
  ['the 29th in a leap February', 'FREQ=MONTHLY;BYMONTHDAY=29', 'due', '2028-01-29', '2028-01-29', '2028-02-29'],
  ['the last day of the month', 'FREQ=MONTHLY;BYMONTHDAY=-1', 'due', '2027-01-31', '2027-01-31', '2027-02-28'],
  ['the last day after February', 'FREQ=MONTHLY;BYMONTHDAY=-1', 'due', '2027-02-28', '2027-02-28', '2027-03-31'],
  ['monthly without a day takes the due date\'s, clamped', 'FREQ=MONTHLY', 'due', '2027-01-31', '2027-01-31', '2027-02-28'],
  ['monthly without a day, mid-month', 'FREQ=MONTHLY', 'due', '2027-01-15', '2027-01-15', '2027-02-15'],
  ['the 1st and 15th, from the 1st', 'FREQ=MONTHLY;BYMONTHDAY=1,15', 'due', '2027-01-01', '2027-01-01', '2027-01-15'],
  ['the 1st and 15th, from the 15th', 'FREQ=MONTHLY;BYMONTHDAY=1,15', 'due', '2027-01-15', '2027-01-15', '2027-02-01'],
  ['every quarter on the 31st', 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=31', 'due', '2027-01-31', '2027-01-31', '2027-04-30'],
  ['the 31st from completion, done on Feb 10', 'FREQ=MONTHLY;BYMONTHDAY=31', 'completion', '2027-01-31', '2027-02-10', '2027-02-28'],
  ['a month after completing on Jan 31', 'FREQ=MONTHLY', 'completion', '2027-01-20', '2027-01-31', '2027-02-28'],
  ['the last Friday, across the year end', 'FREQ=MONTHLY;BYDAY=-1FR', 'due', '2026-12-25', '2026-12-25', '2027-01-29'],
  ['the last Friday of February', 'FREQ=MONTHLY;BYDAY=-1FR', 'due', '2027-01-29', '2027-01-29', '2027-02-26'],
  ['the second Monday', 'FREQ=MONTHLY;BYDAY=2MO', 'due', '2026-12-14', '2026-12-14', '2027-01-11'],
  ['a fifth Friday skips months with four', 'FREQ=MONTHLY;BYDAY=5FR', 'due', '2027-01-29', '2027-01-29', '2027-04-30'],
  ['the last Friday from completion', 'FREQ=MONTHLY;BYDAY=-1FR', 'completion', '2026-12-25', '2027-01-30', '2027-02-26'],
  ['Dec 24 each year', 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24', 'due', '2026-12-24', '2026-12-24', '2027-12-24'],
  ['Feb 29 falls on Feb 28 in a common year', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', 'due', '2028-02-29', '2028-02-29', '2029-02-28'],
  ['Feb 29 between common years', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', 'due', '2029-02-28', '2029-02-28', '2030-02-28'],
  ['Feb 29 comes back in a leap year', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', 'due', '2031-02-28', '2031-02-28', '2032-02-29'],
  ['yearly without a date, due on Feb 29', 'FREQ=YEARLY', 'due', '2028-02-29', '2028-02-29', '2029-02-28'],
  ['the fourth Thursday of November', 'FREQ=YEARLY;BYMONTH=11;BYDAY=4TH', 'due', '2026-11-26', '2026-11-26', '2027-11-25'],
  ['yearly, two years late: one step on', 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24', 'due', '2024-12-24', '2026-12-01', '2025-12-24'],
  ['COUNT counts the occurrences left', 'FREQ=DAILY;COUNT=3', 'due', '2026-12-01', '2026-12-01', '2026-12-02', 'FREQ=DAILY;COUNT=2'],
  ['COUNT=1 is the last occurrence', 'FREQ=DAILY;COUNT=1', 'due', '2026-12-01', '2026-12-01', null],
  ['COUNT from completion', 'FREQ=WEEKLY;BYDAY=MO;COUNT=2', 'completion', '2026-12-07', '2026-12-08', '2026-12-14', 'FREQ=WEEKLY;BYDAY=MO;COUNT=1'],
  ['UNTIL is inclusive', 'FREQ=DAILY;UNTIL=20261203', 'due', '2026-12-02', '2026-12-02', '2026-12-03'],
  ['past UNTIL the series ends', 'FREQ=DAILY;UNTIL=20261203', 'due', '2026-12-03', '2026-12-03', null],
  ['UNTIL as a date-time', 'FREQ=DAILY;UNTIL=20261203T235959Z', 'due', '2026-12-02', '2026-12-02', '2026-12-03'],
  ['UNTIL before the next Monday', 'FREQ=WEEKLY;BYDAY=MO;UNTIL=20261210', 'due', '2026-12-07', '2026-12-07', null],
  ['UNTIL from completion', 'FREQ=DAILY;INTERVAL=3;UNTIL=20261210', 'completion', '2026-12-01', '2026-12-08', null],
  ['every day in June, from July', 'FREQ=DAILY;BYMONTH=6', 'due', '2026-07-01', '2026-07-01', '2027-06-01'],
];

describe('next occurrence', () => {
  it(`moves ${CASES.length} recurring tasks to the right date`, () => {
    assert.ok(CASES.length >= 40);
    const wrong: string[] = [];
    for (const [label, rule, from, dueDate, completedOn, next, storedRule] of CASES) {
      const actual = nextOccurrence({ rule, from }, { dueDate, completedOn });
      const expected = next === null ? null : { dueDate: next, rule: storedRule ?? rule };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) wrong.push(`${label} (${rule}, from ${from}, due ${dueDate}): ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('walks a series to its end, COUNT going down on each completion', () => {
    let recurrence = { rule: 'FREQ=WEEKLY;BYDAY=TU,FR;COUNT=4', from: 'due' as const };
    let dueDate = '2026-12-01';
    const dates = [dueDate];
    for (;;) {
      const next = nextOccurrence(recurrence, { dueDate, completedOn: dueDate });
      if (!next) break;
      dates.push(next.dueDate);
      ({ dueDate } = next);
      recurrence = { ...recurrence, rule: next.rule };
    }
    assert.deepEqual(dates, ['2026-12-01', '2026-12-04', '2026-12-08', '2026-12-11']);
  });

  it('keeps "every month" on the 31st when the day is pinned, and drifts without it', () => {
    const walk = (rule: string, from: string, steps: number) => {
      const dates: string[] = [];
      let dueDate = from;
      for (let step = 0; step < steps; step++) {
        dueDate = nextOccurrence({ rule, from: 'due' }, { dueDate, completedOn: dueDate })!.dueDate;
        dates.push(dueDate);
      }
      return dates;
    };
    assert.equal(pinnedRule('FREQ=MONTHLY', '2027-01-31'), 'FREQ=MONTHLY;BYMONTHDAY=31');
    assert.equal(pinnedRule('FREQ=YEARLY', '2028-02-29'), 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29');
    assert.equal(pinnedRule('FREQ=MONTHLY;BYDAY=-1FR', '2027-01-29'), 'FREQ=MONTHLY;BYDAY=-1FR');
    assert.deepEqual(walk(pinnedRule('FREQ=MONTHLY', '2027-01-31'), '2027-01-31', 3), ['2027-02-28', '2027-03-31', '2027-04-30']);
    assert.deepEqual(walk('FREQ=MONTHLY', '2027-01-31', 3), ['2027-02-28', '2027-03-28', '2027-04-28']);
  });

  it('starts a new series on its first occurrence on or after a day', () => {
    // 2026-12-01 is a Tuesday.
    assert.equal(firstOccurrenceFrom('FREQ=WEEKLY;BYDAY=TU', '2026-12-01'), '2026-12-01');
    assert.equal(firstOccurrenceFrom('FREQ=WEEKLY;BYDAY=MO', '2026-12-01'), '2026-12-07');
    assert.equal(firstOccurrenceFrom('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', '2026-12-01'), '2026-12-07');
    assert.equal(firstOccurrenceFrom('FREQ=DAILY;INTERVAL=3', '2026-12-01'), '2026-12-01');
    assert.equal(firstOccurrenceFrom('FREQ=MONTHLY;BYMONTHDAY=31', '2027-02-10'), '2027-02-28');
    assert.equal(firstOccurrenceFrom('FREQ=MONTHLY;BYDAY=-1FR', '2026-12-26'), '2027-01-29');
    assert.equal(firstOccurrenceFrom('FREQ=DAILY;UNTIL=20261130', '2026-12-01'), null);
  });
});

describe('the rule at the API edge', () => {
  const problem = (value: unknown) => {
    const result = recurrenceSchema.safeParse(value);
    return result.success ? null : result.error.issues.map((issue) => issue.message).join(' ');
  };

  it('accepts the subset we evaluate and stores one written form', () => {
    assert.deepEqual(recurrenceSchema.parse({ rule: 'rrule:freq=weekly;byday=th,mo', from: 'due' }), { rule: 'FREQ=WEEKLY;BYDAY=MO,TH', from: 'due' });
    assert.deepEqual(recurrenceSchema.parse({ rule: 'FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=-1', from: 'completion' }), { rule: 'FREQ=MONTHLY;BYMONTHDAY=-1', from: 'completion' });
    assert.deepEqual(recurrenceSchema.parse({ rule: 'FREQ=YEARLY;UNTIL=20270105T120000Z;BYMONTH=12;BYMONTHDAY=24', from: 'due' }), { rule: 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24;UNTIL=20270105', from: 'due' });
    assert.equal(recurrenceSchema.parse(null), null);
  });

  it('refuses what it does not evaluate, saying why', () => {
    const refusals: [unknown, RegExp][] = [
      [{ rule: 'FREQ=HOURLY', from: 'due' }, /FREQ=HOURLY is not supported/],
      [{ rule: 'FREQ=DAILY;BYHOUR=9', from: 'due' }, /BYHOUR is not supported/],
      [{ rule: 'FREQ=DAILY;BYMINUTE=30', from: 'due' }, /BYMINUTE is not supported/],
      [{ rule: 'FREQ=DAILY;BYSECOND=1', from: 'due' }, /BYSECOND is not supported/],
      [{ rule: 'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-1', from: 'due' }, /BYSETPOS is not supported/],
      [{ rule: 'FREQ=DAILY;FOO=1', from: 'due' }, /FOO is not a rule part/],
      [{ rule: 'BYDAY=MO', from: 'due' }, /needs FREQ/],
      [{ rule: 'FREQ=DAILY;FREQ=WEEKLY', from: 'due' }, /twice/],
      [{ rule: 'FREQ=DAILY;INTERVAL=0', from: 'due' }, /INTERVAL/],
      [{ rule: 'FREQ=WEEKLY;BYDAY=2MO', from: 'due' }, /need FREQ=MONTHLY or YEARLY/],
      [{ rule: 'FREQ=MONTHLY;BYDAY=6MO', from: 'due' }, /out of range/],
      [{ rule: 'FREQ=MONTHLY;BYDAY=XX', from: 'due' }, /BYDAY takes/],
      [{ rule: 'FREQ=MONTHLY;BYMONTHDAY=32', from: 'due' }, /BYMONTHDAY/],
      [{ rule: 'FREQ=WEEKLY;BYMONTHDAY=1', from: 'due' }, /does not go with FREQ=WEEKLY/],
      [{ rule: 'FREQ=YEARLY;BYMONTH=13', from: 'due' }, /BYMONTH/],
      [{ rule: 'FREQ=DAILY;COUNT=2;UNTIL=20270101', from: 'due' }, /COUNT or UNTIL/],
      [{ rule: 'FREQ=DAILY;UNTIL=20270230', from: 'due' }, /UNTIL is a date/],
      [{ rule: 'FREQ=DAILY;COUNT=0', from: 'due' }, /COUNT/],
      [{ rule: `FREQ=DAILY;${'BYMONTH=1;'.repeat(25)}`, from: 'due' }, /at most 200/],
      [{ rule: '', from: 'due' }, /RRULE text/],
      [{ rule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', from: 'due' }, /names no day/],
      [{ rule: 'FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=20', from: 'due' }, /together are not supported/],
      [{ rule: 'FREQ=YEARLY;BYMONTH=2;BYDAY=6MO', from: 'due' }, /within the month/],
      [{ rule: 'FREQ=DAILY;INTERVAL=7;BYDAY=MO', from: 'due' }, /can skip every matching day/],
      [{ rule: 'FREQ=MONTHLY;INTERVAL=12;BYMONTH=6', from: 'due' }, /can skip every matching day/],
      [{ rule: 'FREQ=DAILY', from: 'today' }, /"due" or "completion"/],
      [{ rule: 'FREQ=DAILY', from: 'due', dtstart: '2026-12-01' }, /.+/],
    ];
    const wrong = refusals.flatMap(([value, expected]) => {
      const message = problem(value);
      return message !== null && expected.test(message) ? [] : [`${JSON.stringify(value)}: ${message}`];
    });
    assert.deepEqual(wrong, []);
  });
});

describe('occurrence instant', () => {
  const CASES: readonly [date: string, time: string, zone: string, instant: string, why: string][] = [
    ['2026-03-28', '09:00', 'Europe/Berlin', '2026-03-28T08:00:00.000Z', 'winter time, UTC+1'],
    ['2026-03-29', '09:00', 'Europe/Berlin', '2026-03-29T07:00:00.000Z', 'the weekly 09:00 the day clocks go forward, UTC+2'],
    ['2026-03-29', '01:59', 'Europe/Berlin', '2026-03-29T00:59:00.000Z', 'the last minute before the gap'],
    ['2026-03-29', '02:00', 'Europe/Berlin', '2026-03-29T01:00:00.000Z', 'skipped: the first minute after the gap, 03:00'],
    ['2026-03-29', '02:30', 'Europe/Berlin', '2026-03-29T01:00:00.000Z', 'skipped: 03:00'],
    ['2026-03-29', '03:00', 'Europe/Berlin', '2026-03-29T01:00:00.000Z', 'the first minute after the gap itself'],
    ['2026-10-25', '02:30', 'Europe/Berlin', '2026-10-25T00:30:00.000Z', 'twice when clocks go back: the first, summer time'],
    ['2026-10-25', '03:00', 'Europe/Berlin', '2026-10-25T02:00:00.000Z', 'after the repeat, winter time'],
    ['2026-10-24', '23:00', 'Europe/Berlin', '2026-10-24T21:00:00.000Z', 'the evening before, still summer time'],
    ['2026-03-07', '09:00', 'America/New_York', '2026-03-07T14:00:00.000Z', 'standard time, UTC-5'],
    ['2026-03-08', '09:00', 'America/New_York', '2026-03-08T13:00:00.000Z', 'the weekly 09:00 after clocks go forward, UTC-4'],
    ['2026-03-08', '02:30', 'America/New_York', '2026-03-08T07:00:00.000Z', 'skipped: 03:00 EDT'],
    ['2026-11-01', '00:59', 'America/New_York', '2026-11-01T04:59:00.000Z', 'before the repeat'],
    ['2026-11-01', '01:30', 'America/New_York', '2026-11-01T05:30:00.000Z', 'twice: the first, EDT'],
    ['2026-11-01', '02:00', 'America/New_York', '2026-11-01T07:00:00.000Z', 'after the repeat, EST'],
    ['2026-12-01', '09:00', 'UTC', '2026-12-01T09:00:00.000Z', 'no offset'],
    ['2026-12-01', '09:00', 'Asia/Kolkata', '2026-12-01T03:30:00.000Z', 'a half-hour offset'],
    ['2026-12-31', '23:30', 'Pacific/Kiritimati', '2026-12-31T09:30:00.000Z', 'UTC+14'],
  ];

  it(`turns ${CASES.length} local times into instants, across DST in two zones`, () => {
    const wrong = CASES.flatMap(([date, time, zone, instant, why]) => {
      const actual = occurrenceInstant(date, time, zone).toISOString();
      return actual === instant ? [] : [`${date} ${time} ${zone} (${why}): ${actual} ≠ ${instant}`];
    });
    assert.deepEqual(wrong, []);
  });

  it('refuses what is not a date and time', () => {
    assert.throws(() => occurrenceInstant('2026-13-01', '09:00', 'UTC'), RangeError);
    assert.throws(() => occurrenceInstant('2026-12-01', '25:00', 'UTC'), RangeError);
  });
});
