import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createUser, isProblem, type Session } from './client';

type Task = { id: string; title: string; description: string | null; completed: boolean; createdAt: string; completedAt: string | null };
type Page = { items: Task[]; nextCursor: string | null };

const TOTAL = 250;

/** Every matching task, following cursors from the first page, with the size of each page. */
async function readAll(session: Session, query: string, limit: number) {
  const pages: Task[][] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/tasks?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await session.request<Page>(url);
    assert.equal(response.status, 200, response.text);
    pages.push(response.body.items);
    cursor = response.body.nextCursor;
    assert.ok(pages.length <= TOTAL + 1, 'pagination does not terminate');
  } while (cursor);
  return pages;
}

describe('listing 250 tasks', () => {
  let session: Session;
  const created: Task[] = [];

  before(async () => {
    ({ session } = await createUser());
    // Batches of 10 in parallel; every 3rd is done, every 5th mentions "Groceries" in its description.
    for (let start = 0; start < TOTAL; start += 10) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(10, TOTAL - start) }, async (_, offset) => {
          const i = start + offset;
          const response = await session.request<Task>('/api/tasks', {
            json: { title: `Task ${i}`, description: i % 5 === 0 ? `Buy GROCERIES ${i}` : null },
          });
          assert.equal(response.status, 201, response.text);
          if (i % 3 === 0) {
            const done = await session.request<Task>(`/api/tasks/${response.body.id}`, { method: 'PATCH', json: { completed: true } });
            assert.equal(done.status, 200);
            return done.body;
          }
          return response.body;
        }),
      );
      created.push(...batch);
    }
  });

  const cases: { name: string; query: string; matches: (t: Task) => boolean }[] = [
    { name: 'all', query: 'status=all', matches: () => true },
    { name: 'open', query: 'status=open', matches: (t) => !t.completed },
    { name: 'done', query: 'status=done', matches: (t) => t.completed },
    { name: 'search', query: 'q=groceries', matches: (t) => (t.description ?? '').toLowerCase().includes('groceries') },
    { name: 'search + done', query: 'status=done&q=GROCERIES', matches: (t) => t.completed && (t.description ?? '').includes('GROCERIES') },
    { name: 'search in title', query: 'q=task%2012', matches: (t) => t.title.toLowerCase().includes('task 12') },
    { name: 'no match', query: 'q=zebra', matches: () => false },
  ];

  for (const { name, query, matches } of cases) {
    for (const limit of [7, 20, 100]) {
      it(`returns every ${name} task exactly once in full pages of ${limit}, newest first`, async () => {
        const pages = await readAll(session, query, limit);
        const seen = pages.flat();
        const expected = created.filter(matches);
        assert.equal(new Set(seen.map((t) => t.id)).size, seen.length, 'no duplicates');
        assert.deepEqual(new Set(seen.map((t) => t.id)), new Set(expected.map((t) => t.id)), 'none missing, none extra');
        pages.slice(0, -1).forEach((page, i) => assert.equal(page.length, limit, `page ${i} is full`));
        if (expected.length > 0) assert.ok(pages.at(-1)!.length > 0, 'the last page is not empty');
        // Completed tasks come most recently completed first; the others newest first.
        const order = query.includes('status=done') ? (t: Task) => t.completedAt ?? '' : (t: Task) => t.createdAt;
        for (let i = 1; i < seen.length; i += 1) {
          assert.ok(order(seen[i - 1]!) >= order(seen[i]!), 'newest first');
        }
      });
    }
  }

  it('defaults to 20 items', async () => {
    const response = await session.request<Page>('/api/tasks');
    assert.equal(response.body.items.length, 20);
    assert.ok(response.body.nextCursor);
  });

  it('rejects forged, truncated and cross-filter cursors with 400', async () => {
    const first = await session.request<Page>('/api/tasks?status=open&limit=5');
    const cursor = first.body.nextCursor!;
    const [payload, mac] = cursor.split('.') as [string, string];
    const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);
    const forgedPayload = Buffer.from(JSON.stringify(['00000000-0000-4000-8000-000000000000', '2000-01-01T00:00:00.000Z'])).toString('base64url');
    const forged = [
      `${flip(payload, 3)}.${mac}`,
      `${payload}.${flip(mac, 5)}`,
      `${forgedPayload}.${mac}`,
      payload,
      `${cursor}.extra`,
      '.',
      '%00',
      'x'.repeat(3000),
    ];
    for (const bad of forged) {
      const response = await session.request(`/api/tasks?status=open&limit=5&cursor=${encodeURIComponent(bad)}`);
      assert.equal(response.status, 400, `cursor ${bad.slice(0, 40)}: ${response.status}`);
      assert.ok(isProblem(response));
    }
    const otherFilters = await session.request(`/api/tasks?status=done&limit=5&cursor=${encodeURIComponent(cursor)}`);
    assert.equal(otherFilters.status, 400);
    const sameFilters = await session.request<Page>(`/api/tasks?status=open&limit=5&cursor=${encodeURIComponent(cursor)}`);
    assert.equal(sameFilters.status, 200);
  });
});
