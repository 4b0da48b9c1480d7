/** Rules in words, and proof that the module the browser imports carries neither rrule nor zod. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { build } from 'esbuild';
import { describeRecurrence, describeRule } from '../../lib/recurrence/describe';

const CASES: readonly [rule: string, words: string][] = [
  ['FREQ=DAILY', 'Every day'],
  ['FREQ=DAILY;INTERVAL=3', 'Every 3 days'],
  ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'Every weekday'],
  ['FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', 'Every weekday'],
  ['FREQ=WEEKLY', 'Every week'],
  ['FREQ=WEEKLY;BYDAY=MO', 'Every Monday'],
  ['FREQ=WEEKLY;BYDAY=TH,MO', 'Every Monday and Thursday'],
  ['FREQ=WEEKLY;BYDAY=MO,WE,FR', 'Every Monday, Wednesday and Friday'],
  ['FREQ=WEEKLY;INTERVAL=2', 'Every 2 weeks'],
  ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', 'Every 2 weeks on Monday'],
  ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR', 'Every 2 weeks on Monday, Tuesday, Wednesday, Thursday and Friday'],
  ['FREQ=MONTHLY', 'Every month'],
  ['FREQ=MONTHLY;BYMONTHDAY=15', 'Every month on the 15th'],
  ['FREQ=MONTHLY;BYMONTHDAY=1,15', 'Every month on the 1st and 15th'],
  ['FREQ=MONTHLY;BYMONTHDAY=22', 'Every month on the 22nd'],
  ['FREQ=MONTHLY;BYMONTHDAY=11', 'Every month on the 11th'],
  ['FREQ=MONTHLY;BYMONTHDAY=-1', 'Every month on the last day'],
  ['FREQ=MONTHLY;BYMONTHDAY=-2', 'Every month on the 2nd-to-last day'],
  ['FREQ=MONTHLY;BYDAY=-1FR', 'Every last Friday'],
  ['FREQ=MONTHLY;BYDAY=2MO', 'Every second Monday'],
  ['FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=31', 'Every 3 months on the 31st'],
  ['FREQ=MONTHLY;INTERVAL=2;BYDAY=1TU', 'Every 2 months on the first Tuesday'],
  ['FREQ=YEARLY', 'Every year'],
  ['FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24', 'Every year on Dec 24'],
  ['FREQ=YEARLY;BYMONTH=11;BYDAY=4TH', 'Every year on the fourth Thursday of Nov'],
  ['FREQ=YEARLY;BYMONTH=3', 'Every year in Mar'],
  ['FREQ=DAILY;UNTIL=20270105', 'Every day until Jan 5, 2027'],
  ['FREQ=WEEKLY;BYDAY=MO;COUNT=10', 'Every Monday, 10 times'],
  ['FREQ=DAILY;COUNT=1', 'Every day, 1 time'],
  ['rrule:freq=weekly;byday=fr', 'Every Friday'],
];

describe('rule in words', () => {
  it(`says ${CASES.length} rules as a person would`, () => {
    const wrong = CASES.flatMap(([rule, words]) => (describeRule(rule) === words ? [] : [`${rule}: ${describeRule(rule)} ≠ ${words}`]));
    assert.deepEqual(wrong, []);
  });

  it('says where a rule counts from, and nothing for a rule it cannot read', () => {
    assert.equal(describeRecurrence({ rule: 'FREQ=DAILY;INTERVAL=3', from: 'completion' }), 'Every 3 days after completion');
    assert.equal(describeRecurrence({ rule: 'FREQ=DAILY;INTERVAL=3', from: 'due' }), 'Every 3 days');
    assert.equal(describeRule('FREQ=HOURLY'), null);
    assert.equal(describeRecurrence({ rule: 'nonsense', from: 'due' }), null);
  });

  it('bundles for the browser without rrule or zod', async () => {
    const result = await build({ entryPoints: ['lib/recurrence/describe.ts'], bundle: true, write: false, metafile: true, platform: 'browser', format: 'esm', logLevel: 'silent' });
    const inputs = Object.keys(result.metafile.inputs);
    assert.deepEqual(inputs.filter((input) => input.includes('node_modules')), []);
    assert.ok(inputs.includes('lib/recurrence/describe.ts'));
  });
});
