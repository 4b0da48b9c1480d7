/**
 * The benchmark's scale section (`npm run bench:scale`, and part of `npm run bench`): one account with
 * N tasks (99% done) over 20 lists, 3 of them shared with a second account, for N = 1,000 and 10,000.
 * Measures, one request at a time on 127.0.0.1, the first page of open tasks across lists, of one list,
 * and a search: p50/p99 and the DynamoDB items each read (x-items-read). Flat figures from 1,000 to
 * 10,000 are the point: a page must cost what the page holds, not what the account holds.
 */
import { randomUUID } from 'node:crypto';
import { generateNKeysBetween } from 'fractional-indexing';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Task } from '../lib/tasks/schema';
import { LOCAL_CREDENTIALS, LOCAL_REGION, TABLE_NAME } from './provision';
import { writeTasks } from './seed-tasks';
import type { Stack } from './stack';

const SIZES = [1_000, 10_000];
const LISTS = 20;
const SHARED = 3;
const REPETITIONS = Number(process.env.BENCH_SCALE_REPETITIONS ?? 40);
const PASSWORD = 'Bench-Passw0rd';

export type ScaleFigures = { p50Ms: number; p99Ms: number; itemsRead: number };
export type ScaleResult = { tasks: number; openAcrossLists: ScaleFigures; oneList: ScaleFigures; search: ScaleFigures };

type Account = { token: string; id: string; email: string };

async function call<T>(url: string, init: RequestInit = {}): Promise<{ body: T; itemsRead: number }> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url} → ${response.status} ${await response.text()}`);
  return { body: (await response.json()) as T, itemsRead: Number(response.headers.get('x-items-read') ?? NaN) };
}

async function account(appUrl: string, tag: string): Promise<Account> {
  const email = `bench-${tag}-${randomUUID().slice(0, 8)}@example.test`;
  const headers = { 'content-type': 'application/json' };
  await fetch(`${appUrl}/api/auth/sign-up`, { method: 'POST', headers, body: JSON.stringify({ email, password: PASSWORD, name: `Bench ${tag}` }) });
  await fetch(`${appUrl}/api/auth/confirm`, { method: 'POST', headers, body: JSON.stringify({ email, code: '123456' }) });
  const { body } = await call<{ accessToken: string }>(`${appUrl}/api/auth/token`, { method: 'POST', headers, body: JSON.stringify({ email, password: PASSWORD }) });
  const me = await call<{ user: { id: string } }>(`${appUrl}/api/auth/me`, { headers: { authorization: `Bearer ${body.accessToken}` } });
  return { token: body.accessToken, id: me.body.user.id, email };
}

function authorized(token: string, init: RequestInit = {}): RequestInit {
  return { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } };
}

/** 20 lists (the Inbox and 19 more), 3 shared with `friend`, who accepts. */
async function makeLists(appUrl: string, owner: Account, friend: Account): Promise<string[]> {
  const { body: lists } = await call<{ items: { id: string; inbox: boolean }[] }>(`${appUrl}/api/lists`, authorized(owner.token));
  const ids = [lists.items.find((list) => list.inbox)!.id];
  for (let i = 1; i < LISTS; i += 1) {
    const { body } = await call<{ id: string }>(`${appUrl}/api/lists`, authorized(owner.token, { method: 'POST', body: JSON.stringify({ name: `List ${i}` }) }));
    ids.push(body.id);
  }
  for (const listId of ids.slice(1, 1 + SHARED)) {
    const { body } = await call<{ id: string }>(
      `${appUrl}/api/lists/${listId}/invitations`,
      authorized(owner.token, { method: 'POST', body: JSON.stringify({ email: friend.email, role: 'editor' }) }),
    );
    await call(`${appUrl}/api/invitations/${body.id}/accept`, authorized(friend.token, { method: 'POST' }));
  }
  return ids;
}

function tasksFor(owner: Account, listIds: readonly string[], count: number): Task[] {
  const start = Date.now() - 30 * 24 * 60 * 60 * 1000;
  const positions = generateNKeysBetween(null, null, count);
  return Array.from({ length: count }, (_, i) => {
    // About 1% open, spread over every list (97 and 20 share no factor).
    const open = i % 97 === 0;
    const createdAt = new Date(start + i * 1000).toISOString();
    const completedAt = open ? null : new Date(start + i * 1000 + 3_600_000).toISOString();
    return {
      id: randomUUID(),
      listId: listIds[i % listIds.length]!,
      title: `Scale task ${i}`,
      description: null,
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
      version: 1,
      attachments: [],
    };
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return +sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1);
}

async function measure(url: string, token: string): Promise<ScaleFigures> {
  const times: number[] = [];
  let itemsRead = 0;
  for (let i = 0; i < REPETITIONS; i += 1) {
    const started = performance.now();
    const response = await call(url, authorized(token));
    times.push(performance.now() - started);
    itemsRead = Math.max(itemsRead, response.itemsRead);
  }
  times.sort((a, b) => a - b);
  return { p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), itemsRead };
}

export async function runScale(stack: Stack): Promise<ScaleResult[]> {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: LOCAL_REGION, endpoint: stack.emulators.endpoints.dynamodb, credentials: LOCAL_CREDENTIALS }),
  );
  const results: ScaleResult[] = [];
  try {
    for (const size of SIZES) {
      const owner = await account(stack.appUrl, 'owner');
      const friend = await account(stack.appUrl, 'friend');
      const listIds = await makeLists(stack.appUrl, owner, friend);
      const started = Date.now();
      await writeTasks(client, TABLE_NAME, tasksFor(owner, listIds, size));
      console.log(`scale: seeded ${size} tasks over ${LISTS} lists in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      const base = `${stack.appUrl}/api/tasks?limit=20`;
      const result = {
        tasks: size,
        openAcrossLists: await measure(`${base}&status=open`, owner.token),
        oneList: await measure(`${base}&status=open&listId=${listIds[1]}`, owner.token),
        search: await measure(`${base}&q=${encodeURIComponent('scale task 4')}`, owner.token),
      };
      results.push(result);
    }
  } finally {
    client.destroy();
  }
  for (const result of results) {
    for (const view of ['openAcrossLists', 'oneList', 'search'] as const) {
      const f = result[view];
      console.log(`scale ${String(result.tasks).padStart(6)} tasks  ${view.padEnd(16)} p50 ${f.p50Ms} ms  p99 ${f.p99Ms} ms  items read ${f.itemsRead}`);
    }
  }
  return results;
}
