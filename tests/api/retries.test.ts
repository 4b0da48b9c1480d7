/**
 * Writes the SDK retries are safe: a proxy in front of DynamoDB lets the first PutItem of a task land
 * and then holds its answer past the SDK's request timeout, so the SDK sends it again and that attempt
 * meets the item the first one wrote. The client must get 201 once, and one task must exist; a change
 * (PATCH with If-Match) retried the same way answers 200 once and moves the version by one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser } from './client';
import { startDynamoProxy, type DynamoProxy } from './dynamodb-proxy';
import { startSecondApp, type SecondApp } from './second-app';

/** Longer than lib/aws/client-config.ts's 2 s request timeout. */
const HOLD_MS = 2600;

/**
 * A second app whose DynamoDB answers are late once: the first PutItem whose body contains `marker`
 * lands, and its answer is held past the SDK timeout. Also: bearer headers for a new signed-in user.
 */
function appHoldingOnePut(marker: string, also: (body: { includes(text: string): boolean }) => boolean = () => true) {
  const state = { held: 0, app: undefined as SecondApp | undefined };
  let proxy: DynamoProxy | undefined;
  before(async () => {
    proxy = await startDynamoProxy((operation, body) => {
      const matches = operation === 'DynamoDB_20120810.PutItem' && body.includes(`"${marker}"`) && also(body);
      // The write happens; only its answer is late, once.
      if (!matches || state.held > 0) return {};
      state.held += 1;
      return { holdAnswerMs: HOLD_MS };
    });
    state.app = await startSecondApp({ dynamodb: proxy.url });
  });
  after(async () => {
    await state.app?.service.stop();
    await proxy?.close();
  });
  return state;
}

async function bearerHeaders(): Promise<Record<string, string>> {
  const { session } = await createUser();
  const token = [...session.cookies].find(([name]) => /_at$/.test(name))![1];
  return { authorization: `Bearer ${decodeURIComponent(token)}`, 'content-type': 'application/json' };
}

describe('a PutItem retried after its first attempt landed', () => {
  const held = appHoldingOnePut('Held for the test', (body) => !body.includes('"deleted"'));

  it('answers 201 once and stores one task', async () => {
    const app = held.app!;
    const headers = await bearerHeaders();
    const created = await fetch(`${app.url}/api/tasks`, { method: 'POST', headers, body: JSON.stringify({ title: 'Held for the test' }) });
    assert.equal(created.status, 201, await created.clone().text());
    assert.equal(held.held, 1, 'the first answer was held past the timeout, so the SDK retried');
    const listed = await fetch(`${app.url}/api/tasks?q=${encodeURIComponent('held for the test')}`, { headers });
    const page = (await listed.json()) as { items: { id: string }[] };
    assert.deepEqual(page.items.map((task) => task.id), [((await created.json()) as { id: string }).id]);
  });
});

describe('a task PutItem of a change, retried after its first attempt landed', () => {
  // Only the change's write (the new title is in it); the create before it goes through.
  const held = appHoldingOnePut('Renamed while held');

  it('answers 200 to a PATCH with If-Match once, and the version moves by one', async () => {
    const app = held.app!;
    const headers = await bearerHeaders();
    const created = await fetch(`${app.url}/api/tasks`, { method: 'POST', headers, body: JSON.stringify({ title: 'To rename' }) });
    assert.equal(created.status, 201, await created.clone().text());
    const task = (await created.json()) as { id: string; version: number };
    const patched = await fetch(`${app.url}/api/tasks/${task.id}`, {
      method: 'PATCH',
      headers: { ...headers, 'if-match': `"${task.version}"` },
      body: JSON.stringify({ title: 'Renamed while held' }),
    });
    assert.equal(patched.status, 200, await patched.clone().text());
    assert.equal(held.held, 1, 'the first answer was held past the timeout, so the SDK retried');
    const saved = (await patched.json()) as { title: string; version: number };
    assert.deepEqual([saved.title, saved.version], ['Renamed while held', task.version + 1]);
    const read = (await (await fetch(`${app.url}/api/tasks/${task.id}`, { headers })).json()) as { version: number };
    assert.equal(read.version, task.version + 1, 'written once, not twice');
  });
});
