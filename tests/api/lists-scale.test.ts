/**
 * Every view reads items in proportion to the page it returns, never to the size of the account
 * (docs/data-model.md). One account with 5,000 tasks, 4,990 of them completed, over its Inbox and two
 * lists, written straight into DynamoDB with the app's own item builder; the app reports the items a
 * request read in `x-items-read` (REPORT_ITEMS_READ=true on the test stack).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { generateNKeysBetween } from 'fractional-indexing';
import { writeTasks } from '../../scripts/seed-tasks';
import type { Task } from '../../lib/tasks/schema';
import { emulatorClientConfig, requiredEnv, type ApiResponse } from './client';
import { assertStatus, createList, inboxOf, lists, person, type Page, type Person } from './lists-helpers';

const TOTAL = 5000;
const OPEN = 10;
const LIMIT = 20;
/** What a first page of LIMIT may read: the page, the look-ahead and each list's chunk, with room to spare. */
const PAGE_READ_BUDGET = 3 * LIMIT;
/** lib/tasks/views.ts SEARCH_READ_BUDGET (server-only, so not importable here). */
const SEARCH_READ_BUDGET = 300;
/** Reading the caller's memberships (three lists here) before the search itself. */
const SEARCH_OVERHEAD = 10;

type ApiTask = { id: string; listId: string; completed: boolean; createdAt: string; completedAt: string | null };

function itemsRead(response: ApiResponse): number {
  const header = response.headers.get('x-items-read');
  assert.ok(header !== null, 'x-items-read is missing: the test stack runs the app with REPORT_ITEMS_READ=true');
  assert.match(header, /^\d+$/);
  return Number(header);
}

async function seed(owner: Person, listIds: string[]): Promise<Task[]> {
  const now = Date.now();
  const created0 = now - 10 * 24 * 60 * 60 * 1000;
  const completed0 = now - 2 * 24 * 60 * 60 * 1000;
  const positions = generateNKeysBetween(null, null, TOTAL);
  const tasks: Task[] = Array.from({ length: TOTAL }, (_, i) => {
    // The open tasks are the oldest, so a reader that filters the newest-first stream would read everything.
    const open = i < OPEN;
    const createdAt = new Date(created0 + i * 60_000).toISOString();
    // Completion order is a permutation of creation order (7919 is prime to 5000): the two orders differ.
    const completedAt = open ? null : new Date(completed0 + ((i * 7919) % TOTAL) * 1000).toISOString();
    return {
      id: randomUUID(),
      listId: listIds[i % listIds.length]!,
      title: `Seeded task ${i}`,
      description: i % 2 === 0 ? 'bulk' : null,
      completed: !open,
      priority: 'medium',
      dueDate: null,
      dueTime: null,
      tags: [],
      subtasks: [],
      position: positions[i]!,
      recurrence: null,
      completedAt,
      createdBy: owner.id,
      createdAt,
      updatedAt: completedAt ?? createdAt,
      version: open ? 1 : 2,
      attachments: [],
    };
  });
  const client = DynamoDBDocumentClient.from(new DynamoDBClient(emulatorClientConfig(requiredEnv('TEST_DYNAMODB_ENDPOINT'))));
  try {
    await writeTasks(client, requiredEnv('TEST_TABLE'), tasks);
  } finally {
    client.destroy();
  }
  return tasks;
}

const newestCreated = (a: Task, b: Task) => b.createdAt.localeCompare(a.createdAt);
const byPosition = (a: Task, b: Task) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0);
const newestCompleted = (a: Task, b: Task) => (b.completedAt ?? '').localeCompare(a.completedAt ?? '');

describe('lists at scale: 5,000 tasks, 4,990 done, over three lists', () => {
  let owner: Person;
  let tasks: Task[];
  let listIds: string[];

  before(async () => {
    owner = await person('Scale Owner');
    const inbox = await inboxOf(owner.session);
    const work = await createList(owner.session, 'Work');
    const home = await createList(owner.session, 'Home');
    listIds = [inbox.id, work.id, home.id];
    const started = Date.now();
    tasks = await seed(owner, listIds);
    const seconds = (Date.now() - started) / 1000;
    console.log(`seeded ${TOTAL} tasks in ${seconds.toFixed(1)} s`);
    assert.ok(seconds < 30, `seeding took ${seconds} s`);
  });

  it('the seeded account has the counts the seed implies', async () => {
    const counts = (await lists(owner.session)).map((list) => [list.id, list.counts.open]);
    assert.deepEqual(counts, listIds.map((id) => [id, tasks.filter((t) => t.listId === id && !t.completed).length]));
  });

  const views: { name: string; query: () => string; expected: () => Task[]; more: boolean }[] = [
    {
      name: 'open tasks across every list, newest first',
      query: () => 'status=open',
      expected: () => tasks.filter((t) => !t.completed).sort(newestCreated),
      more: false,
    },
    {
      // SPEC §6.2: inside one list the default order is manual (position).
      name: "one list's open tasks, in manual order by default",
      query: () => `listId=${listIds[1]}&status=open`,
      expected: () => tasks.filter((t) => !t.completed && t.listId === listIds[1]).sort(byPosition),
      more: false,
    },
    {
      name: "one list's open tasks with sort=created, newest first",
      query: () => `listId=${listIds[0]}&status=open&sort=created`,
      expected: () => tasks.filter((t) => !t.completed && t.listId === listIds[0]).sort(newestCreated),
      more: false,
    },
    {
      name: 'done tasks across every list, most recently completed first',
      query: () => 'status=done',
      expected: () => tasks.filter((t) => t.completed).sort(newestCompleted),
      more: true,
    },
    {
      name: "one list's done tasks, most recently completed first",
      query: () => `listId=${listIds[2]}&status=done`,
      expected: () => tasks.filter((t) => t.completed && t.listId === listIds[2]).sort(newestCompleted),
      more: true,
    },
  ];

  for (const view of views) {
    it(`${view.name}: the first page of ${LIMIT} reads at most ${PAGE_READ_BUDGET} items and is right`, async () => {
      const response = await owner.session.request<Page<ApiTask>>(`/api/tasks?${view.query()}&limit=${LIMIT}`);
      assertStatus(response, 200);
      const read = itemsRead(response);
      assert.ok(read <= PAGE_READ_BUDGET, `read ${read} items for a page of ${LIMIT}`);
      const expected = view.expected().slice(0, LIMIT);
      assert.deepEqual(response.body.items.map((t) => t.id), expected.map((t) => t.id));
      assert.equal(response.body.nextCursor !== null, view.more, `nextCursor: ${response.body.nextCursor}`);
    });
  }

  it(`done tasks, second page: also at most ${PAGE_READ_BUDGET} items, continuing exactly after the first`, async () => {
    const first = await owner.session.request<Page<ApiTask>>(`/api/tasks?status=done&limit=${LIMIT}`);
    assertStatus(first, 200);
    const second = await owner.session.request<Page<ApiTask>>(`/api/tasks?status=done&limit=${LIMIT}&cursor=${encodeURIComponent(first.body.nextCursor ?? '')}`);
    assertStatus(second, 200);
    const read = itemsRead(second);
    assert.ok(read <= PAGE_READ_BUDGET, `read ${read} items for the second page`);
    const expected = tasks.filter((t) => t.completed).sort(newestCompleted).slice(LIMIT, 2 * LIMIT);
    assert.deepEqual(second.body.items.map((t) => t.id), expected.map((t) => t.id));
  });

  it('a search that matches nothing stops at the read budget with a cursor, and the cursors run out', async () => {
    const query = `q=${encodeURIComponent('zebra-never-matches')}&limit=${LIMIT}`;
    const first = await owner.session.request<Page<ApiTask>>(`/api/tasks?${query}`);
    assertStatus(first, 200);
    const read = itemsRead(first);
    assert.ok(read <= SEARCH_READ_BUDGET + SEARCH_OVERHEAD, `the search read ${read} items (budget ${SEARCH_READ_BUDGET})`);
    assert.deepEqual(first.body.items, []);
    assert.ok(first.body.nextCursor, 'an empty page with a cursor: more to search');

    let cursor: string | null = first.body.nextCursor;
    let requests = 1;
    let total = read;
    const most = Math.ceil(TOTAL / SEARCH_READ_BUDGET) + 5;
    while (cursor) {
      assert.ok(requests < most, `the search did not finish within ${most} requests`);
      const page: ApiResponse<Page<ApiTask>> = await owner.session.request<Page<ApiTask>>(`/api/tasks?${query}&cursor=${encodeURIComponent(cursor)}`);
      assertStatus(page, 200);
      const pageRead = itemsRead(page);
      assert.ok(pageRead <= SEARCH_READ_BUDGET + SEARCH_OVERHEAD, `page ${requests + 1} read ${pageRead} items`);
      assert.deepEqual(page.body.items, []);
      total += pageRead;
      cursor = page.body.nextCursor;
      requests += 1;
    }
    assert.ok(total >= TOTAL, `searched every task (${total} items read in ${requests} requests)`);
  });

  it('a search that matches old tasks finds them across budgeted pages, each exactly once', async () => {
    // "seeded task 1" matches tasks 1, 10–19, 100–199 and 1000–1999: spread over the whole account.
    const expected = new Set(tasks.filter((t) => t.title.toLowerCase().includes('seeded task 1')).map((t) => t.id));
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let requests = 0; ; requests += 1) {
      assert.ok(requests < 200, 'the search did not finish');
      const url: string = `/api/tasks?q=${encodeURIComponent('Seeded task 1')}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: ApiResponse<Page<ApiTask>> = await owner.session.request<Page<ApiTask>>(url);
      assertStatus(page, 200);
      assert.ok(itemsRead(page) <= SEARCH_READ_BUDGET + SEARCH_OVERHEAD, `read ${itemsRead(page)}`);
      seen.push(...page.body.items.map((t) => t.id));
      cursor = page.body.nextCursor;
      if (!cursor) break;
    }
    assert.equal(new Set(seen).size, seen.length, 'no duplicates');
    assert.deepEqual(new Set(seen), expected);
  });
});
