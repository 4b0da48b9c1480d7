/**
 * Writes the SDK retries are safe: a proxy in front of DynamoDB lets the first PutItem of a task land
 * and then holds its answer past the SDK's request timeout, so the SDK sends it again and that attempt
 * meets the item the first one wrote. The client must get 201 once, and one task must exist.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createUser, requiredEnv } from './client';
import { startSecondApp, type SecondApp } from './second-app';

/** Longer than lib/aws/client-config.ts's 2 s request timeout. */
const HOLD_MS = 2600;

describe('a PutItem retried after its first attempt landed', () => {
  let proxy: http.Server;
  let app: SecondApp;
  let held = 0;
  const target = new URL(requiredEnv('TEST_DYNAMODB_ENDPOINT'));

  before(async () => {
    proxy = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks);
        const isTaskPut = request.headers['x-amz-target'] === 'DynamoDB_20120810.PutItem' && body.includes('"Held for the test"') && !body.includes('"deleted"');
        const forward = http.request({ host: target.hostname, port: target.port, path: request.url, method: request.method, headers: request.headers }, (answer) => {
          const answerChunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => answerChunks.push(chunk));
          answer.on('end', () => {
            // The write has happened; only its answer is late, once.
            const delay = isTaskPut && held === 0 ? HOLD_MS : 0;
            if (delay) held += 1;
            setTimeout(() => {
              if (response.destroyed) return;
              response.writeHead(answer.statusCode ?? 500, answer.headers);
              response.end(Buffer.concat(answerChunks));
            }, delay);
          });
        });
        forward.on('error', () => response.destroy());
        forward.end(body);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    app = await startSecondApp({ dynamodb: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` });
  });

  after(async () => {
    await app?.service.stop();
    await new Promise((resolve) => proxy?.close(resolve));
  });

  it('answers 201 once and stores one task', async () => {
    const { session } = await createUser();
    const token = [...session.cookies].find(([name]) => /_at$/.test(name))![1];
    const headers = { authorization: `Bearer ${decodeURIComponent(token)}`, 'content-type': 'application/json' };
    const created = await fetch(`${app.url}/api/tasks`, { method: 'POST', headers, body: JSON.stringify({ title: 'Held for the test' }) });
    assert.equal(created.status, 201, await created.clone().text());
    assert.equal(held, 1, 'the first answer was held past the timeout, so the SDK retried');
    const listed = await fetch(`${app.url}/api/tasks?q=${encodeURIComponent('held for the test')}`, { headers });
    const page = (await listed.json()) as { items: { id: string }[] };
    assert.deepEqual(page.items.map((task) => task.id), [((await created.json()) as { id: string }).id]);
  });
});
