/** Quick add's parser on a table of phrases: dates and times in the person's zone, our tokens, edge cases. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuickAdd, type QuickAdd } from '../../lib/tasks/quick-add';

// Tuesday 1 December 2026, 09:00 in New York (14:00 UTC).
const NOW = new Date('2026-12-01T14:00:00Z');
const ZONE = 'America/New_York';
const LISTS = [
  { id: 'groceries', name: 'Groceries' },
  { id: 'work', name: 'Work' },
  { id: 'side', name: 'Side Project' },
];

const parse = (text: string, timeZone = ZONE, now = NOW) => parseQuickAdd(text, { now, timeZone, lists: LISTS });

type Expected = Partial<Pick<QuickAdd, 'title' | 'dueDate' | 'dueTime' | 'priority' | 'listId' | 'newListName' | 'tags'>>;

const CASES: [string, Expected][] = [
  // The SPEC's example, without the recurrence (which comes with recurring tasks).
  ['Buy milk tomorrow 5pm #Groceries +errands !1', { title: 'Buy milk', dueDate: '2026-12-02', dueTime: '17:00', listId: 'groceries', tags: ['errands'], priority: 'high' }],
  ['Buy milk tomorrow at 5pm !1 #errands', { title: 'Buy milk', dueDate: '2026-12-02', dueTime: '17:00', priority: 'high', listId: null, newListName: 'errands' }],
  ['Call mom', { title: 'Call mom', dueDate: null, dueTime: null, priority: null, listId: null, tags: [] }],
  ['Call mom today', { title: 'Call mom', dueDate: '2026-12-01', dueTime: null }],
  ['Call mom tomorrow', { title: 'Call mom', dueDate: '2026-12-02' }],
  ['Pay rent in 3 days', { title: 'Pay rent', dueDate: '2026-12-04' }],
  ['Pay rent in 2 weeks', { title: 'Pay rent', dueDate: '2026-12-15' }],
  ['Dentist next fri', { title: 'Dentist', dueDate: '2026-12-11' }],
  ['Dentist friday', { title: 'Dentist', dueDate: '2026-12-04' }],
  ['Dentist on friday at 10am', { title: 'Dentist', dueDate: '2026-12-04', dueTime: '10:00' }],
  ['Report by monday 9am', { title: 'Report', dueDate: '2026-12-07', dueTime: '09:00' }],
  ['Report due monday', { title: 'Report', dueDate: '2026-12-07' }],
  ['Wrap presents Dec 24', { title: 'Wrap presents', dueDate: '2026-12-24' }],
  ['Wrap presents December 24 at 18:30', { title: 'Wrap presents', dueDate: '2026-12-24', dueTime: '18:30' }],
  // A date that has passed this year means next year's.
  ['Renew passport Nov 3', { title: 'Renew passport', dueDate: '2027-11-03' }],
  ['Renew passport March 1', { title: 'Renew passport', dueDate: '2027-03-01' }],
  ['Standup at 9:15', { title: 'Standup', dueDate: '2026-12-01', dueTime: '09:15' }],
  // "at 5" in a to-do list is the afternoon.
  ['Meet at 5', { title: 'Meet', dueTime: '17:00' }],
  ['Meet at 5am', { title: 'Meet', dueTime: '05:00' }],
  ['Meet at 11', { title: 'Meet', dueTime: '11:00' }],
  ['Gym 7pm', { title: 'Gym', dueTime: '19:00' }],
  ['Gym tomorrow 6:30am', { title: 'Gym', dueDate: '2026-12-02', dueTime: '06:30' }],
  ['Call Sam at noon', { title: 'Call Sam', dueTime: '12:00' }],
  ['File taxes 2027-04-15', { title: 'File taxes', dueDate: '2027-04-15' }],
  ['Ship it !2', { title: 'Ship it', priority: 'medium' }],
  ['Ship it !3', { title: 'Ship it', priority: 'low' }],
  ['Ship it !4', { title: 'Ship it !4', priority: null }],
  ['!1 first thing', { title: 'first thing', priority: 'high' }],
  ['Fix bug #Work', { title: 'Fix bug', listId: 'work' }],
  ['Fix bug #work', { title: 'Fix bug', listId: 'work' }],
  ['Plan #SideProject', { title: 'Plan', listId: 'side' }],
  ['Plan #side-project', { title: 'Plan', listId: 'side' }],
  ['Plan #Holidays', { title: 'Plan', listId: null, newListName: 'Holidays' }],
  // Only the first list token counts; a second stays in the title.
  ['Plan #Work #Groceries', { title: 'Plan #Groceries', listId: 'work' }],
  ['Learn C# basics', { title: 'Learn C# basics', listId: null, newListName: null }],
  ['Close issue#42', { title: 'Close issue#42', listId: null }],
  ['Email ann+todo@example.com', { title: 'Email ann+todo@example.com', tags: [] }],
  ['Read https://example.com/#top', { title: 'Read https://example.com/#top', listId: null }],
  ['Buy eggs +errands +Errands', { title: 'Buy eggs', tags: ['errands'] }],
  ['Buy eggs +errands +home', { title: 'Buy eggs', tags: ['errands', 'home'] }],
  ['Buy eggs +urgent_today', { title: 'Buy eggs', tags: ['urgent_today'] }],
  ['1 + 1', { title: '1 + 1', tags: [] }],
  ['Buy 2 apples', { title: 'Buy 2 apples', dueDate: null }],
  ['Read chapter 5', { title: 'Read chapter 5', dueDate: null }],
  ['Water plants every monday', { title: 'Water plants', dueDate: '2026-12-07' }],
  ['   spaced    out   tomorrow  ', { title: 'spaced out', dueDate: '2026-12-02' }],
  ['tomorrow', { title: '', dueDate: '2026-12-02' }],
  ['#Groceries', { title: '', listId: 'groceries' }],
  ['', { title: '', dueDate: null, tags: [] }],
  ['Call mom tonight', { title: 'Call mom', dueDate: '2026-12-01' }],
  ['Taxes next month', { title: 'Taxes', dueDate: '2027-01-01' }],
  ['Book flights in 1 month', { title: 'Book flights', dueDate: '2027-01-01' }],
  ['Lunch monday 12:30 #Work +team !2', { title: 'Lunch', dueDate: '2026-12-07', dueTime: '12:30', listId: 'work', tags: ['team'], priority: 'medium' }],
  ['Dinner with Ann on Dec 31 at 8pm', { title: 'Dinner with Ann', dueDate: '2026-12-31', dueTime: '20:00' }],
  ['Pick up kids 3:15pm', { title: 'Pick up kids', dueTime: '15:15' }],
  ['Check in 2 hours', { title: 'Check', dueDate: '2026-12-01', dueTime: '11:00' }],
  ['Sign lease 12/15', { title: 'Sign lease', dueDate: '2026-12-15' }],
  ['Birthday party Saturday 2pm +family', { title: 'Birthday party', dueDate: '2026-12-05', dueTime: '14:00', tags: ['family'] }],
  ['Submit by tomorrow #Work', { title: 'Submit', dueDate: '2026-12-02', listId: 'work' }],
  ['Hash #Dec24 is a list name, not a date', { listId: null, newListName: 'Dec24', dueDate: null }],
];

// "every …": the rule, its first due date (2026-12-01 is a Tuesday; 09:00 in New York) and the title.
type Repeating = [text: string, title: string, dueDate: string, dueTime: string | null, rule: string, from?: 'due' | 'completion'];
const REPEATING: Repeating[] = [
  // The SPEC's example whole: a day named with the rule is where the series starts.
  ['Buy milk tomorrow 5pm #Groceries +errands !1 every monday', 'Buy milk', '2026-12-02', '17:00', 'FREQ=WEEKLY;BYDAY=MO'],
  ['Stretch every day', 'Stretch', '2026-12-01', null, 'FREQ=DAILY'],
  ['Stretch daily', 'Stretch', '2026-12-01', null, 'FREQ=DAILY'],
  ['Standup every weekday at 9:30', 'Standup', '2026-12-01', '09:30', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
  ['Review every 2 weeks', 'Review', '2026-12-01', null, 'FREQ=WEEKLY;INTERVAL=2'],
  ['Review every other week', 'Review', '2026-12-01', null, 'FREQ=WEEKLY;INTERVAL=2'],
  ['Water plants every monday', 'Water plants', '2026-12-07', null, 'FREQ=WEEKLY;BYDAY=MO'],
  ['Gym every mon and thu 7pm', 'Gym', '2026-12-03', '19:00', 'FREQ=WEEKLY;BYDAY=MO,TH'],
  ['Gym every tue, fri', 'Gym', '2026-12-01', null, 'FREQ=WEEKLY;BYDAY=TU,FR'],
  ['Pay rent every month on the 15th', 'Pay rent', '2026-12-15', null, 'FREQ=MONTHLY;BYMONTHDAY=15'],
  ['Pay rent every 15th', 'Pay rent', '2026-12-15', null, 'FREQ=MONTHLY;BYMONTHDAY=15'],
  ['Payday every month on the last day', 'Payday', '2026-12-31', null, 'FREQ=MONTHLY;BYMONTHDAY=-1'],
  ['Team retro every last friday', 'Team retro', '2026-12-25', null, 'FREQ=MONTHLY;BYDAY=-1FR'],
  ['Book club every first wednesday', 'Book club', '2026-12-02', null, 'FREQ=MONTHLY;BYDAY=1WE'],
  // "every month" and "every year" start today and keep today's day (and month), said in the rule.
  ['Invoice every month', 'Invoice', '2026-12-01', null, 'FREQ=MONTHLY;BYMONTHDAY=1'],
  ['Invoice monthly', 'Invoice', '2026-12-01', null, 'FREQ=MONTHLY;BYMONTHDAY=1'],
  ['Report weekly', 'Report', '2026-12-01', null, 'FREQ=WEEKLY'],
  ['Renew domain every year', 'Renew domain', '2026-12-01', null, 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=1'],
  ['Wrap presents every dec 24', 'Wrap presents', '2026-12-24', null, 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24'],
  ['Birthday every 3 march', 'Birthday', '2027-03-03', null, 'FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=3'],
  ['Leap day party every feb 29', 'Leap day party', '2027-02-28', null, 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29'],
  ['Clean filter every 3 days', 'Clean filter', '2026-12-01', null, 'FREQ=DAILY;INTERVAL=3'],
  ['Haircut every 4 weeks after completion', 'Haircut', '2026-12-01', null, 'FREQ=WEEKLY;INTERVAL=4', 'completion'],
  ['Water cactus every month from completion', 'Water cactus', '2026-12-01', null, 'FREQ=MONTHLY', 'completion'],
  ['Yoga every other week until jan 5', 'Yoga', '2026-12-01', null, 'FREQ=WEEKLY;INTERVAL=2;UNTIL=20270105'],
  ['Physio every monday for 5 times', 'Physio', '2026-12-07', null, 'FREQ=WEEKLY;BYDAY=MO;COUNT=5'],
  ['Physio every monday 6 times after completion', 'Physio', '2026-12-07', null, 'FREQ=WEEKLY;BYDAY=MO;COUNT=6', 'completion'],
  // A time alone that has passed today starts the series tomorrow, as chrono reads "at 8am" at 09:00.
  ['Call mom every day at 8am', 'Call mom', '2026-12-02', '08:00', 'FREQ=DAILY'],
  ['Call mom every day at 6pm', 'Call mom', '2026-12-01', '18:00', 'FREQ=DAILY'],
  // A day named too is where the series starts.
  ['Run every day starting tomorrow', 'Run starting', '2026-12-02', null, 'FREQ=DAILY'],
  ['Plan every 2 weeks on monday #Work +team !2', 'Plan', '2026-12-07', null, 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO'],
];

describe('quick add', () => {
  it(`reads ${REPEATING.length} repeating phrases into a rule and a first due date`, () => {
    assert.ok(REPEATING.length >= 15);
    const wrong: string[] = [];
    for (const [text, title, dueDate, dueTime, rule, from = 'due'] of REPEATING) {
      const parsed = parse(text);
      const actual = { title: parsed.title, dueDate: parsed.dueDate, dueTime: parsed.dueTime, recurrence: parsed.recurrence };
      const expected = { title, dueDate, dueTime, recurrence: { rule, from } };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) wrong.push(`${JSON.stringify(text)}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('leaves words that are no rule in the title', () => {
    for (const text of ['Check every 2 hours', 'Read Everyday Things', 'Every so often call Bob', 'Learn every trick']) {
      const parsed = parse(text);
      assert.equal(parsed.recurrence, null, text);
      assert.equal(parsed.recurrencePart, null, text);
      assert.equal(parsed.title, text, text);
    }
  });

  it('says where the repeating words are, apart from the field parts', () => {
    const text = 'Gym every mon and thu after completion 7pm +health';
    const parsed = parse(text);
    assert.deepEqual(parsed.recurrencePart, { type: 'recurrence', text: 'every mon and thu after completion', start: 4, end: 38 });
    assert.deepEqual(parsed.parts.map((part) => [part.type, text.slice(part.start, part.end)]), [['date', '7pm'], ['tag', '+health']]);
    assert.equal(parsed.title, 'Gym');
  });

  it(`reads ${CASES.length} phrases as a person means them`, () => {
    assert.ok(CASES.length >= 60);
    const wrong: string[] = [];
    for (const [text, expected] of CASES) {
      const parsed = parse(text);
      for (const [field, value] of Object.entries(expected)) {
        const actual = parsed[field as keyof QuickAdd];
        if (JSON.stringify(actual) !== JSON.stringify(value)) wrong.push(`${JSON.stringify(text)}: ${field} ${JSON.stringify(actual)} ≠ ${JSON.stringify(value)}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('decides "today" and "tomorrow" in the person\'s time zone', () => {
    // 02:00 UTC on 2 December is still 1 December in New York, already 2 December in Berlin.
    const lateEvening = new Date('2026-12-02T02:00:00Z');
    assert.equal(parse('Call tomorrow', 'America/New_York', lateEvening).dueDate, '2026-12-02');
    assert.equal(parse('Call tomorrow', 'Europe/Berlin', lateEvening).dueDate, '2026-12-03');
    assert.equal(parse('Call today', 'Asia/Tokyo', lateEvening).dueDate, '2026-12-02');
    assert.equal(parse('Call today', 'Pacific/Honolulu', lateEvening).dueDate, '2026-12-01');
  });

  it('says where each understood part is, so the UI can highlight and undo it', () => {
    const text = 'Buy milk tomorrow 5pm #Groceries +errands !1';
    const { parts } = parse(text);
    assert.deepEqual(
      parts.map((part) => [part.type, part.text, text.slice(part.start, part.end)]),
      [
        ['date', 'tomorrow 5pm', 'tomorrow 5pm'],
        ['list', '#Groceries', '#Groceries'],
        ['tag', '+errands', '+errands'],
        ['priority', '!1', '!1'],
      ],
    );
  });
});
