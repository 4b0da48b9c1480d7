/** Malformed, hostile and random input to the /api/auth endpoints: always a 4xx problem, never a 5xx. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { describe, it } from 'node:test';
import { waitForMail } from './lists-helpers';
import {
  AUTH_CODE,
  isProblem,
  problemFields,
  requiredEnv,
  Session,
  STRONG_PASSWORD,
  uniqueEmail,
  type ApiResponse,
  type RequestOptions,
} from './client';

const MAX_BODY = 64 * 1024;

const POST_ENDPOINTS = [
  'sign-up',
  'confirm',
  'resend-code',
  'sign-in',
  'token',
  'refresh',
  'sign-out',
  'forgot-password',
  'reset-password',
  'change-password',
].map((name) => `/api/auth/${name}`);

/** Endpoints that read a JSON body before anything else (refresh and sign-out read none; change-password needs a session). */
const BODY_ENDPOINTS = [
  '/api/auth/sign-up',
  '/api/auth/confirm',
  '/api/auth/resend-code',
  '/api/auth/sign-in',
  '/api/auth/token',
  '/api/auth/forgot-password',
  '/api/auth/reset-password',
];

function describeRequest(path: string, options: RequestOptions): string {
  const body = options.json !== undefined ? JSON.stringify(options.json) : typeof options.body === 'string' ? options.body : '<bytes>';
  return `${path} ${JSON.stringify(options.headers ?? {})} ${body.slice(0, 200)}`;
}

function assertProblem(response: ApiResponse, status: number, what: string) {
  assert.equal(response.status, status, `${what} → ${response.status} ${response.text.slice(0, 300)}`);
  assert.ok(isProblem(response), `${what}: problem+json expected, got ${response.headers.get('content-type')} ${response.text.slice(0, 300)}`);
}

async function post(path: string, options: RequestOptions): Promise<ApiResponse> {
  return new Session().request(path, { method: 'POST', ...options });
}

type RawResponse = { status: number; contentType: string; text: string };

/** A chunked JSON POST over node:http (no Content-Length), on the given agent; fails after timeoutMs. */
function rawPost(agent: http.Agent, path: string, write: (request: http.ClientRequest) => void, timeoutMs = 10_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let responded = false;
    const request = http.request(
      new URL(path, requiredEnv('TEST_APP_URL')),
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, timeout: timeoutMs },
      (response) => {
        responded = true;
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), text }),
        );
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    // A server that answers early may close before the whole body is written: only errors before the answer count.
    request.on('error', (error) => (responded ? undefined : reject(error)));
    write(request);
  });
}

describe('sign-up validation', () => {
  const weakPasswords: [string, string][] = [
    ['too short', 'Ab1defg'],
    ['no uppercase', 'lowercase-only-1'],
    ['no lowercase', 'UPPERCASE-ONLY-1'],
    ['no digit', 'No-Digits-Here'],
    ['empty', ''],
  ];
  for (const [label, password] of weakPasswords) {
    it(`rejects a weak password (${label}) with a field error on password`, async () => {
      const email = uniqueEmail('weak');
      const response = await post('/api/auth/sign-up', { json: { email, password } });
      assertProblem(response, 400, label);
      assert.ok(problemFields(response).includes('password'), JSON.stringify(response.body));
      assert.ok(!problemFields(response).includes('email'), 'the email was fine');
      // Nothing was created: the same email can still sign up.
      const ok = await post('/api/auth/sign-up', { json: { email, password: STRONG_PASSWORD } });
      assert.equal(ok.status, 201, ok.text);
    });
  }

  for (const email of ['not-an-email', 'a@', '@example.test', 'two@@example.test', 'spa ce@example.test', '']) {
    it(`rejects the email ${JSON.stringify(email)} with a field error on email`, async () => {
      const response = await post('/api/auth/sign-up', { json: { email, password: STRONG_PASSWORD } });
      assertProblem(response, 400, email);
      assert.deepEqual(problemFields(response), ['email']);
    });
  }

  it('answers a registered email exactly like a new one, whatever its case, and emails its owner instead', async () => {
    const email = uniqueEmail('dup');
    const first = await post('/api/auth/sign-up', { json: { email, password: STRONG_PASSWORD } });
    assert.equal(first.status, 201);
    const fresh = await post('/api/auth/sign-up', { json: { email: uniqueEmail('new'), password: STRONG_PASSWORD } });
    for (const again of [email, email.toUpperCase(), `  ${email}  `]) {
      const response = await post('/api/auth/sign-up', { json: { email: again, password: STRONG_PASSWORD } });
      assert.equal(response.status, fresh.status, again);
      assert.deepEqual(response.body, fresh.body, again);
    }
    // Confirmed: resend-code answers like for anyone, and the owner hears of it by email.
    assert.equal((await post('/api/auth/confirm', { json: { email, code: AUTH_CODE } })).status, 204);
    assert.equal((await post('/api/auth/resend-code', { json: { email } })).status, 204);
    const mail = await waitForMail(email, (caught) => caught.subject === 'You already have a Todoer account');
    assert.match(mail.text ?? '', /\/sign-in\?email=/);
    assert.match(mail.text ?? '', /\/forgot-password\?email=/);
  });

  const malformed: [string, unknown, string[] | null][] = [
    ['an empty object', {}, ['email', 'password']],
    ['a missing password', { email: 'x@example.test' }, ['password']],
    ['a missing email', { password: STRONG_PASSWORD }, ['email']],
    ['a number for email', { email: 12345, password: STRONG_PASSWORD }, ['email']],
    ['an object for email', { email: { $ne: null }, password: STRONG_PASSWORD }, ['email']],
    ['an array for password', { email: 'x@example.test', password: [STRONG_PASSWORD] }, ['password']],
    ['a boolean for name', { email: 'x@example.test', password: STRONG_PASSWORD, name: true }, ['name']],
    ['an unknown extra field', { email: 'x@example.test', password: STRONG_PASSWORD, admin: true }, ['admin']],
    ['a __proto__ field', JSON.parse(`{"email":"x@example.test","password":"${STRONG_PASSWORD}","__proto__":{"admin":true}}`), null],
    ['an array body', [{ email: 'x@example.test', password: STRONG_PASSWORD }], null],
    ['null', null, null],
    ['a string body', 'x@example.test', null],
    ['a number body', 42, null],
  ];
  for (const [label, json, fields] of malformed) {
    it(`rejects ${label} with 400`, async () => {
      const response = await post('/api/auth/sign-up', { body: JSON.stringify(json), headers: { 'content-type': 'application/json' } });
      assertProblem(response, 400, label);
      if (fields) for (const field of fields) assert.ok(problemFields(response).includes(field), `${field} in ${response.text}`);
      else assert.ok(problemFields(response).length > 0, `errors lists what is wrong: ${response.text}`);
    });
  }

  for (const [label, body] of [
    ['truncated JSON', '{"email":"x@example.test",'],
    ['plain text', 'hello'],
    ['an empty body', ''],
    ['single quotes', "{'email':'x@example.test'}"],
    ['trailing garbage', '{"email":"x@example.test","password":"Correct-Horse-9"} x'],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
  ] as const) {
    it(`rejects ${label} as 400`, async () => {
      const response = await post('/api/auth/sign-up', {
        body: typeof body === 'string' ? body : new Uint8Array(body),
        headers: { 'content-type': 'application/json' },
      });
      assertProblem(response, 400, label);
    });
  }

  for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
    it(`rejects content-type ${JSON.stringify(contentType)} with 415`, async () => {
      const response = await post('/api/auth/sign-up', {
        body: JSON.stringify({ email: uniqueEmail(), password: STRONG_PASSWORD }),
        headers: contentType ? { 'content-type': contentType } : {},
      });
      assertProblem(response, 415, contentType);
    });
  }

  it('accepts application/json with a charset parameter', async () => {
    const response = await post('/api/auth/sign-up', {
      body: JSON.stringify({ email: uniqueEmail(), password: STRONG_PASSWORD }),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    assert.equal(response.status, 201, response.text);
  });

  it('rejects huge field values (under the body limit) with 400 on the field', async () => {
    const longEmail = `${'a'.repeat(60 * 1024)}@example.test`;
    const email = await post('/api/auth/sign-up', { json: { email: longEmail, password: STRONG_PASSWORD } });
    assertProblem(email, 400, '60 KiB email');
    assert.deepEqual(problemFields(email), ['email']);

    const password = await post('/api/auth/sign-up', { json: { email: uniqueEmail(), password: `Aa1${'x'.repeat(10 * 1024)}` } });
    assertProblem(password, 400, '10 KiB password');
    assert.deepEqual(problemFields(password), ['password']);

    const name = await post('/api/auth/sign-up', { json: { email: uniqueEmail(), password: STRONG_PASSWORD, name: 'n'.repeat(5000) } });
    assertProblem(name, 400, '5000-char name');
    assert.deepEqual(problemFields(name), ['name']);

    const signIn = await post('/api/auth/sign-in', { json: { email: uniqueEmail(), password: 'p'.repeat(10 * 1024) } });
    assertProblem(signIn, 400, '10 KiB sign-in password');
  });

  it('rejects a body over 64 KiB with 413 (declared length)', async () => {
    for (const path of BODY_ENDPOINTS) {
      const response = await post(path, { json: { email: `${'a'.repeat(100 * 1024)}@example.test`, password: STRONG_PASSWORD } });
      assertProblem(response, 413, `${path} 100 KiB email`);
    }
    const oneOver = JSON.stringify({ email: 'x@example.test', password: 'p'.repeat(MAX_BODY) }).slice(0, MAX_BODY + 1);
    assert.equal(Buffer.byteLength(oneOver), MAX_BODY + 1);
    assertProblem(await post('/api/auth/sign-up', { body: oneOver, headers: { 'content-type': 'application/json' } }), 413, '64 KiB + 1');
  });

  it('rejects a streamed (chunked, no Content-Length) body over 64 KiB with 413', async () => {
    // Own keep-alive agent with one socket, so this cannot disturb other requests of this file.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const response = await rawPost(agent, '/api/auth/sign-up', (request) => {
        request.write('{"email":"');
        for (let i = 0; i < 10; i += 1) request.write('x'.repeat(16 * 1024));
        request.end('"}');
      });
      assert.equal(response.status, 413, response.text);
      assert.match(response.contentType, /^application\/problem\+json/);
    } finally {
      agent.destroy();
    }
  });

  it('leaves the connection usable after refusing a streamed body (closes it or drains the rest)', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const refused = await rawPost(agent, '/api/auth/sign-up', (request) => {
        for (let i = 0; i < 10; i += 1) request.write('x'.repeat(16 * 1024));
        request.end();
      }).catch((error: unknown) => error);
      // A server that closes the connection may reset it before the 413 is read; either way the body was refused.
      if (!(refused instanceof Error)) assert.equal((refused as RawResponse).status, 413, (refused as RawResponse).text);
      // The next request goes over the same keep-alive socket unless the server said Connection: close.
      const started = Date.now();
      const next = await rawPost(agent, '/api/auth/sign-up', (request) => request.end('{}'), 4000);
      assert.equal(next.status, 400, `the next request on that connection: ${next.status} ${next.text}`);
      assert.ok(Date.now() - started < 2000, `the next request took ${Date.now() - started} ms`);
    } finally {
      agent.destroy();
    }
  });

  for (const [label, body] of [
    ['10,000 unclosed [', '['.repeat(10_000)],
    ['30,000 nested arrays', `${'['.repeat(30_000)}${']'.repeat(30_000)}`],
    ['10,000 nested objects', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`],
    ['nested objects inside a field', `{"email":${'{"a":'.repeat(8000)}1${'}'.repeat(8000)},"password":"${STRONG_PASSWORD}"}`],
  ] as const) {
    it(`rejects deeply nested JSON (${label}) with 400`, async () => {
      for (const path of ['/api/auth/sign-up', '/api/auth/sign-in', '/api/auth/token']) {
        const response = await post(path, { body, headers: { 'content-type': 'application/json' } });
        assertProblem(response, 400, `${path} ${label}`);
      }
    });
  }
});

describe('every POST endpoint', () => {
  it('answers empty, non-JSON and wrongly typed bodies with a 4xx problem', async () => {
    const cases: RequestOptions[] = [
      { json: {} },
      { json: [] },
      { json: null },
      { body: 'not json', headers: { 'content-type': 'application/json' } },
      { body: '{}', headers: { 'content-type': 'text/plain' } },
    ];
    for (const path of BODY_ENDPOINTS) {
      for (const options of cases) {
        const response = await post(path, options);
        const what = describeRequest(path, options);
        assert.ok(response.status >= 400 && response.status < 500, `${what} → ${response.status} ${response.text}`);
        assert.ok(isProblem(response), `${what}: ${response.text}`);
      }
    }
  });

  it('change-password without a session is 401 before it reads the body', async () => {
    const response = await post('/api/auth/change-password', { json: { oldPassword: 'x', newPassword: STRONG_PASSWORD } });
    assertProblem(response, 401, 'change-password without a session');
  });
});

/** mulberry32: small, seedable, good enough to make a failing fuzz case reproducible from its seed. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}

const FIELD_NAMES = ['email', 'password', 'name', 'code', 'newPassword', 'oldPassword', 'refreshToken', '__proto__', 'constructor', 'x'];

/**
 * Random JSON. Strings never contain "@", so no generated value is a valid email: the fuzz cannot create
 * accounts or count sign-in failures against the per-client limit that other test files share.
 */
function randomJson(random: ReturnType<typeof prng>, depth = 0): unknown {
  const kind = random.int(depth > 3 ? 5 : 8);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return random.next() < 0.5;
    case 2:
      return random.pick([0, -1, 1e308, -1e-308, 2 ** 53 + 1, random.next() * 1e6, 123456]);
    case 3:
    case 4:
      return randomString(random);
    case 5:
      return Array.from({ length: random.int(5) }, () => randomJson(random, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = random.int(5); i > 0; i -= 1) object[random.pick(FIELD_NAMES)] = randomJson(random, depth + 1);
      return object;
    }
  }
}

function randomString(random: ReturnType<typeof prng>): string {
  const alphabets = [
    'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
    ' \t\n\r\\"\'{}[]<>%$;,.:/-_=+!?#&*()',
    '\u0000\u0001\u001f\u007f\u200b\u202e\ufeff\uffff',
    'éüßçøå漢字🙂𝔘',
    '\ud800\udc00\ud83d',
  ];
  const length = random.pick([0, 1, 6, 8, 20, 100, 300, 2000]);
  let text = '';
  for (let i = 0; i < length; i += 1) text += random.pick([...random.pick(alphabets)]);
  return text;
}

function randomRequest(random: ReturnType<typeof prng>): RequestOptions {
  const contentType = random.pick([
    'application/json',
    'application/json',
    'application/json',
    'application/json; charset=utf-8',
    'application/problem+json',
    'text/plain',
    'application/octet-stream',
    '',
  ]);
  const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
  if (random.next() < 0.3) {
    const bytes = new Uint8Array(random.pick([0, 1, 16, 256, 2048]));
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = random.int(256);
    return { headers, body: bytes };
  }
  const text = JSON.stringify(randomJson(random)) ?? 'null';
  // Sometimes cut the JSON short, so the parser sees it end mid-token.
  return { headers, body: random.next() < 0.15 ? text.slice(0, random.int(text.length + 1)) : text };
}

describe('randomized fuzz', () => {
  it('never answers a random body with a 5xx, and every error is problem+json', async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const random = prng(seed);
    const requests = POST_ENDPOINTS.flatMap((path) => Array.from({ length: 100 }, () => ({ path, options: randomRequest(random) })));
    const failures: string[] = [];
    const queue = [...requests];
    const worker = async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        const response = await post(job.path, job.options);
        const what = `${describeRequest(job.path, job.options)} → ${response.status} ${response.text.slice(0, 200)}`;
        if (response.status >= 500) failures.push(`5xx: ${what}`);
        else if (response.status >= 300 && !isProblem(response)) failures.push(`not problem+json: ${what}`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    assert.deepEqual(failures, [], `FUZZ_SEED=${seed}: ${failures.length} bad responses`);

    const health = await new Session().request<{ status: string }>('/api/health');
    assert.equal(health.status, 200, `FUZZ_SEED=${seed}: health after fuzz ${health.text}`);
    assert.equal(health.body.status, 'ok');
  });
});

describe('emails are case-insensitive', () => {
  it('signs up Mixed@Example.test and signs in with the lower-case address', async () => {
    const mixed = `Mixed-${randomUUID().slice(0, 8)}@Example.TEST`;
    const lower = mixed.toLowerCase();
    const session = new Session();
    assert.equal((await session.request('/api/auth/sign-up', { json: { email: mixed, password: STRONG_PASSWORD } })).status, 201);
    assert.equal((await session.request('/api/auth/confirm', { json: { email: lower, code: AUTH_CODE } })).status, 204);
    const signIn = await session.request<{ user: { email: string } }>('/api/auth/sign-in', { json: { email: lower, password: STRONG_PASSWORD } });
    assert.equal(signIn.status, 200, signIn.text);
    assert.equal(signIn.body.user.email, lower, 'the stored address is the lower-case one');
    const upper = await new Session().request('/api/auth/sign-in', { json: { email: ` ${mixed.toUpperCase()} `, password: STRONG_PASSWORD } });
    assert.equal(upper.status, 200, upper.text);
  });
});
