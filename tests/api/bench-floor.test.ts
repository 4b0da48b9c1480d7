/**
 * The benchmark's framework floor (app/api/bench/floor): a 404 problem like any unknown path unless the
 * process runs with BENCH_FLOOR=true, and then a tiny JSON for GET and POST (what `npm run bench` measures).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestStack, type Stack } from '../../scripts/stack';
import { isProblem, Session } from './client';

describe('GET/POST /api/bench/floor', () => {
  it('is a 404 problem on a server without BENCH_FLOOR', async () => {
    const session = new Session();
    for (const method of ['GET', 'POST'] as const) {
      const response = await session.request('/api/bench/floor', { method, ...(method === 'POST' ? { json: {} } : {}) });
      assert.equal(response.status, 404, `${method}: ${response.text}`);
      assert.ok(isProblem(response), response.text);
    }
  });

  describe('on a server started with BENCH_FLOOR=true', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'todoer-bench-floor-'));
    let stack: Stack | undefined;
    before(async () => {
      stack = await startTestStack({ dataDir, extraEnv: { BENCH_FLOOR: 'true' } });
    });
    after(async () => {
      await stack?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('answers a tiny JSON without a token: 200 for GET, 201 for POST with its body read', async () => {
      const session = new Session(stack!.appUrl);
      const read = await session.request('/api/bench/floor');
      assert.equal(read.status, 200, read.text);
      assert.deepEqual(read.body, { ok: true });
      const write = await session.request('/api/bench/floor', { json: { title: 'Bench task' } });
      assert.equal(write.status, 201, write.text);
      assert.deepEqual(write.body, { ok: true });
    });
  });
});
