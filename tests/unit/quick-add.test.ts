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
  ['Water plants every monday', { title: 'Water plants every monday' }],
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

describe('quick add', () => {
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
