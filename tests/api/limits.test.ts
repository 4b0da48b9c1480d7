/**
 * Abuse limits shared by every process (SPEC §6.4): two server processes with low limits, counting in
 * the same DynamoDB table (under a prefix of their own), answer 429 with Retry-After once the requests
 * they took together use a limit up; a lockout caused from one address never blocks the owner's.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createUser, STRONG_PASSWORD, uniqueEmail } from './client';
import { startSecondApp, type SecondApp } from './second-app';

const PER_EMAIL = 4;
const PER_ADDRESS = 6;
const FAILURES_PER_PAIR = 3;

async function post(app: SecondApp, path: string, json: unknown, address: string): Promise<Response> {
  return fetch(`${app.url}${path}`, {
    method: 'POST',
    // One trusted proxy hop: the last X-Forwarded-For entry is the client, as the load balancer writes it.
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify(json),
  });
}

describe('abuse limits across two processes', () => {
  let apps: SecondApp[] = [];

  before(async () => {
    const env = {
      RATE_LIMIT_PREFIX: `limits-test-${randomUUID().slice(0, 8)}`,
      AUTH_REQUESTS_PER_EMAIL_PER_HOUR: String(PER_EMAIL),
      AUTH_REQUESTS_PER_IP_PER_HOUR: String(PER_ADDRESS),
      SIGN_IN_MAX_FAILURES_PER_EMAIL: String(FAILURES_PER_PAIR),
      TRUSTED_PROXY_HOPS: '1',
    };
    apps = await Promise.all([startSecondApp({ env }), startSecondApp({ env })]);
  });

  after(async () => {
    await Promise.all(apps.map((app) => app.service.stop()));
  });

  it(`counts sign-up, resend-code and forgot-password for one email together: the ${PER_EMAIL + 1}th is 429`, async () => {
    const email = uniqueEmail('limit');
    const address = '198.51.100.10';
    const calls: [string, unknown][] = [
      ['/api/auth/sign-up', { email, password: STRONG_PASSWORD }],
      ['/api/auth/resend-code', { email }],
      ['/api/auth/forgot-password', { email }],
      ['/api/auth/resend-code', { email }],
    ];
    for (const [index, [path, body]] of calls.entries()) {
      const response = await post(apps[index % 2]!, path, body, address);
      assert.ok(response.status < 400, `${path}: ${response.status} ${await response.text()}`);
    }
    const limited = await post(apps[0]!, '/api/auth/resend-code', { email }, '198.51.100.11');
    assert.equal(limited.status, 429, 'the email is used up, whichever process and address');
    assert.match(limited.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
    assert.match(limited.headers.get('content-type') ?? '', /problem\+json/);
  });

  it(`counts one address across emails: the ${PER_ADDRESS + 1}th request is 429`, async () => {
    const address = '198.51.100.20';
    for (let i = 0; i < PER_ADDRESS; i += 1) {
      const response = await post(apps[i % 2]!, '/api/auth/forgot-password', { email: uniqueEmail('spray') }, address);
      assert.equal(response.status, 204, await response.text());
    }
    assert.equal((await post(apps[1]!, '/api/auth/forgot-password', { email: uniqueEmail('spray') }, address)).status, 429);
    assert.equal((await post(apps[1]!, '/api/auth/forgot-password', { email: uniqueEmail('spray') }, '198.51.100.21')).status, 204, 'another address is not affected');
  });

  it('locks guessing from one address out, never the owner signing in from theirs', async () => {
    const owner = await createUser({ signIn: false });
    const attacker = '203.0.113.66';
    for (let i = 0; i < FAILURES_PER_PAIR; i += 1) {
      const response = await post(apps[i % 2]!, '/api/auth/sign-in', { email: owner.email, password: `Wrong-Guess-${i}` }, attacker);
      assert.equal(response.status, 401);
    }
    const locked = await post(apps[0]!, '/api/auth/sign-in', { email: owner.email, password: owner.password }, attacker);
    assert.equal(locked.status, 429, 'the attacker’s address waits, even with the right password');
    const ownerIn = await post(apps[1]!, '/api/auth/sign-in', { email: owner.email, password: owner.password }, '192.0.2.7');
    assert.equal(ownerIn.status, 200, `the owner, from their own address: ${await ownerIn.text()}`);
  });
});

describe('local mode (no trusted proxy): X-Forwarded-For is not trusted at all', () => {
  const FAILURES_PER_ADDRESS = 3;
  let app: SecondApp | undefined;

  before(async () => {
    app = await startSecondApp({
      env: { RATE_LIMIT_PREFIX: `local-test-${randomUUID().slice(0, 8)}`, SIGN_IN_MAX_FAILURES_PER_IP: String(FAILURES_PER_ADDRESS), TRUSTED_PROXY_HOPS: '0' },
    });
  });

  after(async () => {
    await app?.service.stop();
  });

  it('spoofed addresses on failed sign-ins get no fresh per-address budget', async () => {
    const owner = await createUser({ signIn: false });
    for (let i = 0; i < FAILURES_PER_ADDRESS; i += 1) {
      // A different email each time, so only the per-address count can add up.
      const failed = await post(app!, '/api/auth/sign-in', { email: uniqueEmail('spoof'), password: 'Wrong-Guess-1' }, `203.0.113.${i + 1}`);
      assert.equal(failed.status, 401, await failed.text());
    }
    const spoofed = await post(app!, '/api/auth/sign-in', { email: owner.email, password: owner.password }, '192.0.2.200');
    assert.equal(spoofed.status, 429, `a new X-Forwarded-For value is the same client: ${await spoofed.text()}`);
    const bare = await fetch(`${app!.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: owner.email, password: owner.password }),
    });
    assert.equal(bare.status, 429, 'and so is one that sends none');
  });
});
