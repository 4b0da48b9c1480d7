import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { createUser, isProblem, type ApiResponse, type Session } from './client';

type Task = { id: string; version: number; title: string };

/** Deterministic pseudo-random numbers (mulberry32), so a failing case can be replayed. */
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('malformed task requests', () => {
  let session: Session;
  let task: Task;
  before(async () => {
    ({ session } = await createUser());
    task = (await session.request<Task>('/api/tasks', { json: { title: 'Keep me' } })).body;
  });

  it('never answers 5xx to 240 malformed requests, always problem+json, and changes nothing', async () => {
    const random = prng(20261125);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    const values: unknown[] = [
      null, true, 0, -1, 1e309, 'x'.repeat(100_000), '', '\u0000', '💥'.repeat(300), [], {}, [[[]]],
      { title: { $ne: null } }, { title: ['a'] }, { title: 'ok', priority: 'HIGH' }, { title: 'ok', dueDate: '9999-99-99' },
      { __proto__: { admin: true }, title: 'x' }, { constructor: { prototype: {} } }, { title: 'ok', completed: 'true' },
    ];
    const bodies = (): { body: string; type: string } => {
      switch (Math.floor(random() * 6)) {
        case 0: return { body: randomBytes(1 + Math.floor(random() * 200)).toString('latin1'), type: 'application/json' };
        case 1: return { body: deep(1 + Math.floor(random() * 20_000)), type: 'application/json' };
        case 2: return { body: JSON.stringify(pick(values)), type: 'application/json' };
        case 3: return { body: JSON.stringify({ title: 'ok' }), type: pick(['text/plain', 'application/xml', 'multipart/form-data', '']) };
        case 4: return { body: `{"title": "${'a'.repeat(70_000)}"}`, type: 'application/json' };
        default: return { body: '{"title": "unterminated', type: 'application/json' };
      }
    };
    const paths = [
      '/api/tasks', `/api/tasks/${task.id}`, '/api/tasks/undefined', '/api/tasks/%E0%A4%A', `/api/tasks/${task.id}%00`,
      '/api/tasks?limit=-5', '/api/tasks?limit=1e3', '/api/tasks?status[]=open', '/api/tasks?cursor=%FF%FE',
      `/api/tasks?q=${encodeURIComponent('%s%n\\u0000')}`, '/api/tasks?label=' + 'l'.repeat(500), '/api/tasks/..%2F..%2Fauth%2Fme',
    ];
    const responses: { label: string; response: ApiResponse }[] = [];
    for (let i = 0; i < 240; i += 1) {
      const method = pick(['POST', 'PATCH', 'DELETE', 'GET', 'PUT']);
      const path = pick(paths);
      const { body, type } = bodies();
      const withBody = method === 'POST' || method === 'PATCH' || method === 'PUT';
      const headers: Record<string, string> = type ? { 'content-type': type } : {};
      if (random() < 0.2) headers['if-match'] = pick(['"0"', '*', 'W/"1"', '""', '"99999999999999999999"']);
      // Never send a valid, matching PATCH/DELETE: those are legitimate writes, not malformed ones.
      if (path === `/api/tasks/${task.id}` && (method === 'DELETE' || (method === 'PATCH' && type === 'application/json'))) {
        headers['if-match'] = '"0"';
      }
      const response = await session.request(path, { method, headers, ...(withBody ? { body } : {}) });
      responses.push({ label: `${method} ${path.slice(0, 60)} ${type} ${body.slice(0, 40)}`, response });
    }
    for (const { label, response } of responses) {
      assert.ok(response.status < 500, `${label} → ${response.status} ${response.text.slice(0, 200)}`);
      if (response.status >= 400 && response.status !== 405) {
        assert.ok(isProblem(response), `${label} → not problem+json: ${response.text.slice(0, 200)}`);
      }
    }
    const after = await session.request<Task>(`/api/tasks/${task.id}`);
    assert.equal(after.status, 200);
    assert.equal(after.body.version, task.version);
    assert.equal(after.body.title, 'Keep me');
    const health = await session.request('/api/health');
    assert.equal(health.status, 200);
  });
});
