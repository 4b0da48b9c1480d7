import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { AppError, TooManyRequestsError, ValidationError } from '../../lib/errors';
import { parseJson, problemResponse } from '../../lib/http';

const schema = z.strictObject({ title: z.string().min(1) });
const post = (body: string, contentType = 'application/json') =>
  new Request('http://localhost/api', { method: 'POST', body, headers: { 'content-type': contentType } });

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

describe('parseJson', () => {
  it('returns validated data', async () => {
    assert.deepEqual(await parseJson(post('{"title":"x"}'), schema), { title: 'x' });
  });

  it('maps each problem to its status', async () => {
    assert.equal((await rejection(parseJson(post('{"title":"x"}', 'text/plain'), schema))).status, 415);
    assert.equal((await rejection(parseJson(post('{oops'), schema))).status, 400);
    assert.equal((await rejection(parseJson(post('"x"'.padEnd(70_000, ' ')), schema))).status, 413);
    assert.equal((await rejection(parseJson(post('['.repeat(50_000)), schema))).status, 400);
  });

  it('lists every invalid field, unknown ones included', async () => {
    const error = await rejection(parseJson(post('{"title":"","extra":1}'), schema));
    assert.ok(error instanceof ValidationError);
    const fields = error.errors.map((e) => e.field).sort();
    assert.deepEqual(fields, ['extra', 'title']);
  });
});

describe('problemResponse', () => {
  it('writes RFC 9457 problem+json with extension members and headers', async () => {
    const response = problemResponse(new TooManyRequestsError('Slow down.', 42.2));
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('content-type'), 'application/problem+json');
    assert.equal(response.headers.get('retry-after'), '43');
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(body.status, 429);
    assert.equal(body.title, 'Too many requests');
    assert.equal(body.detail, 'Slow down.');
    assert.match(String(body.type), /^https:\/\//);
  });
});
