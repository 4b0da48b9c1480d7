/**
 * Account enumeration, cross-site request forgery, sign-in throttling and response hygiene.
 *
 * Sign-in failures count against one per-client limit (50 by default) that every API test file shares:
 * this file causes 7 (2 for the enumeration check, 5 for the per-email lock).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  APP_URL,
  AUTH_CODE,
  createUser,
  isProblem,
  problemFields,
  Session,
  STRONG_PASSWORD,
  uniqueEmail,
  type ApiResponse,
  type TestUser,
} from './client';

const EVIL = 'http://evil.example';
const NEW_PASSWORD = 'Brand-New-Pass-7';

function assertProblem(response: ApiResponse, status: number, what: string) {
  assert.equal(response.status, status, `${what} → ${response.status} ${response.text}`);
  assert.ok(isProblem(response), `${what}: problem+json expected, got ${response.headers.get('content-type')} ${response.text}`);
}

async function signIn(email: string, password: string, headers: Record<string, string> = {}, session = new Session()) {
  return session.request<{ user?: { id: string } }>('/api/auth/sign-in', { json: { email, password }, headers });
}

describe('account enumeration', () => {
  it('a wrong password and an unknown email give the same 401 status, headers and body', async () => {
    const user = await createUser({ signIn: false });
    const wrongPassword = await signIn(user.email, 'Wrong-Password-1');
    const unknownEmail = await signIn(uniqueEmail('nobody'), 'Wrong-Password-1');
    assertProblem(wrongPassword, 401, 'wrong password');
    assertProblem(unknownEmail, 401, 'unknown email');
    assert.deepEqual(wrongPassword.body, unknownEmail.body);
    assert.equal(wrongPassword.text, unknownEmail.text);
    assert.equal(wrongPassword.headers.get('www-authenticate'), unknownEmail.headers.get('www-authenticate'));
    // The failure did not lock the real person out.
    assert.equal((await signIn(user.email, user.password)).status, 200);
  });

  it('forgot-password answers 204 for an unknown email exactly as for a known one', async () => {
    const user = await createUser({ signIn: false });
    const known = await new Session().request('/api/auth/forgot-password', { json: { email: user.email } });
    const unknown = await new Session().request('/api/auth/forgot-password', { json: { email: uniqueEmail('nobody') } });
    assert.equal(known.status, 204, known.text);
    assert.equal(unknown.status, 204, unknown.text);
    assert.equal(known.text, unknown.text);
  });

  it('confirm answers an unknown email exactly like a wrong code', async () => {
    const email = uniqueEmail('unconfirmed');
    assert.equal((await new Session().request('/api/auth/sign-up', { json: { email, password: STRONG_PASSWORD } })).status, 201);
    const wrong = AUTH_CODE === '000000' ? '111111' : '000000';
    const wrongCode = await new Session().request('/api/auth/confirm', { json: { email, code: wrong } });
    const unknown = await new Session().request('/api/auth/confirm', { json: { email: uniqueEmail('nobody'), code: wrong } });
    assertProblem(wrongCode, 400, 'wrong code');
    assert.deepEqual(problemFields(wrongCode), ['code']);
    assert.equal(unknown.status, wrongCode.status, `unknown email → ${unknown.status} ${unknown.text}`);
    assert.deepEqual(unknown.body, wrongCode.body);
  });

  it('reset-password answers an unknown email exactly like a wrong code', async () => {
    const user = await createUser({ signIn: false });
    const wrong = AUTH_CODE === '000000' ? '111111' : '000000';
    assert.equal((await new Session().request('/api/auth/forgot-password', { json: { email: user.email } })).status, 204);
    const wrongCode = await new Session().request('/api/auth/reset-password', { json: { email: user.email, code: wrong, newPassword: NEW_PASSWORD } });
    const unknown = await new Session().request('/api/auth/reset-password', {
      json: { email: uniqueEmail('nobody'), code: wrong, newPassword: NEW_PASSWORD },
    });
    assertProblem(wrongCode, 400, 'wrong code');
    assert.equal(unknown.status, wrongCode.status, unknown.text);
    assert.deepEqual(unknown.body, wrongCode.body);
    assert.equal((await signIn(user.email, user.password)).status, 200, 'the password did not change');
  });
});

describe('cross-site request forgery', () => {
  const appOrigin = new URL(APP_URL).origin;

  it('refuses a cookie sign-in from another origin with 403 and sets no cookie', async () => {
    const user = await createUser({ signIn: false });
    const session = new Session();
    const response = await signIn(user.email, user.password, { origin: EVIL }, session);
    assertProblem(response, 403, 'sign-in from evil origin');
    assert.equal(response.headers.getSetCookie().length, 0);
    assert.equal(session.cookies.size, 0);
  });

  it('refuses sign-out from another origin: the session and refresh token keep working', async () => {
    const user = await createUser();
    const response = await user.session.request('/api/auth/sign-out', { method: 'POST', headers: { origin: EVIL } });
    assertProblem(response, 403, 'sign-out from evil origin');
    assert.equal(response.headers.getSetCookie().length, 0, 'no cookie was cleared');
    assert.equal((await user.session.request('/api/auth/me')).status, 200);
    assert.equal((await user.session.request('/api/auth/refresh', { method: 'POST' })).status, 204, 'refresh token not revoked');
  });

  it('refuses change-password from another origin: the old password still works', async () => {
    const user = await createUser();
    const response = await user.session.request('/api/auth/change-password', {
      json: { oldPassword: user.password, newPassword: NEW_PASSWORD },
      headers: { origin: EVIL },
    });
    assertProblem(response, 403, 'change-password from evil origin');
    assert.equal((await signIn(user.email, user.password)).status, 200, 'old password still valid');
  });

  it('refuses DELETE /api/auth/me from another origin: the account still exists', async () => {
    const user = await createUser();
    const response = await user.session.request('/api/auth/me', { method: 'DELETE', headers: { origin: EVIL } });
    assertProblem(response, 403, 'DELETE me from evil origin');
    assert.equal((await user.session.request('/api/auth/me')).status, 200);
    assert.equal((await signIn(user.email, user.password)).status, 200);
  });

  it('refuses look-alike and opaque origins', async () => {
    const user = await createUser();
    const lookAlikes = ['null', `${appOrigin}.evil.example`, `https://${new URL(APP_URL).host}`, appOrigin.replace(/:\d+$/, ':1'), `${appOrigin}@evil.example`];
    for (const origin of lookAlikes) {
      const response = await user.session.request('/api/auth/me', { method: 'DELETE', headers: { origin } });
      assertProblem(response, 403, `origin ${origin}`);
    }
    assert.equal((await user.session.request('/api/auth/me')).status, 200);
  });

  it("refuses Sec-Fetch-Site: cross-site without an Origin", async () => {
    const user = await createUser();
    const response = await user.session.request('/api/auth/me', { method: 'DELETE', origin: null, headers: { 'sec-fetch-site': 'cross-site' } });
    assertProblem(response, 403, 'cross-site fetch metadata');
    assert.equal((await user.session.request('/api/auth/me')).status, 200);
  });

  it("accepts the app's own origin (and same-origin fetch metadata)", async () => {
    const user = await createUser({ signIn: false });
    const session = new Session();
    const response = await signIn(user.email, user.password, { origin: appOrigin, 'sec-fetch-site': 'same-origin' }, session);
    assert.equal(response.status, 200, response.text);
    const refresh = await session.request('/api/auth/refresh', { method: 'POST', headers: { origin: appOrigin } });
    assert.equal(refresh.status, 204, refresh.text);
    const signOut = await session.request('/api/auth/sign-out', { method: 'POST', headers: { origin: appOrigin } });
    assert.equal(signOut.status, 204, signOut.text);
  });

  it('does not apply the origin check to Bearer requests (no ambient credentials)', async () => {
    const user = await createUser({ signIn: false });
    const tokens = await new Session().request<{ accessToken: string }>('/api/auth/token', { json: { email: user.email, password: user.password } });
    assert.equal(tokens.status, 200, tokens.text);
    const headers = { authorization: `Bearer ${tokens.body.accessToken}`, origin: EVIL };
    const me = await new Session().request('/api/auth/me', { headers });
    assert.equal(me.status, 200, me.text);
    const change = await new Session().request('/api/auth/change-password', {
      json: { oldPassword: user.password, newPassword: NEW_PASSWORD },
      headers,
    });
    assert.notEqual(change.status, 403, change.text);
    assert.equal(change.status, 204, change.text);
    assert.equal((await signIn(user.email, NEW_PASSWORD)).status, 200);
  });

  it('a bogus Bearer header does not turn a cross-site cookie request into an allowed one', async () => {
    const user = await createUser();
    const response = await user.session.request('/api/auth/me', {
      method: 'DELETE',
      headers: { origin: EVIL, authorization: 'Bearer not-a-token' },
    });
    assertProblem(response, 401, 'cross-site DELETE with a bogus Bearer');
    assert.equal((await user.session.request('/api/auth/me')).status, 200, 'the account survived');
  });
});

describe('sign-in throttling', () => {
  it('locks one email after 5 failures (429 + Retry-After) without locking other people on the same client', async () => {
    const [victim, bystander]: [TestUser, TestUser] = await Promise.all([createUser({ signIn: false }), createUser({ signIn: false })]);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const response = await signIn(victim.email, `Wrong-Guess-${attempt}`);
      assertProblem(response, 401, `failure ${attempt}`);
    }
    const locked = await signIn(victim.email, victim.password);
    assertProblem(locked, 429, 'sixth attempt with the right password');
    const retryAfter = locked.headers.get('retry-after') ?? '';
    assert.match(retryAfter, /^[1-9]\d*$/, `Retry-After is a positive integer of seconds: ${JSON.stringify(retryAfter)}`);
    assert.ok(Number(retryAfter) <= 900, `Retry-After within the lockout window: ${retryAfter}`);

    // The lock is per email, whatever its spelling, and also guards the token endpoint.
    assertProblem(await signIn(victim.email.toUpperCase(), victim.password), 429, 'same email, upper case');
    const token = await new Session().request('/api/auth/token', { json: { email: victim.email, password: victim.password } });
    assertProblem(token, 429, 'token endpoint for the locked email');
    assert.match(token.headers.get('retry-after') ?? '', /^[1-9]\d*$/);

    const other = await signIn(bystander.email, bystander.password);
    assert.equal(other.status, 200, `another email from the same client is not blocked: ${other.text}`);
  });
});

describe('response hygiene', () => {
  it('sends Cache-Control: no-store on every auth response, successes and errors alike', async () => {
    const session = new Session();
    const email = uniqueEmail('nostore');
    const responses: [string, ApiResponse][] = [];
    const record = async (label: string, response: Promise<ApiResponse>) => {
      const awaited = await response;
      responses.push([`${label} (${awaited.status})`, awaited]);
      return awaited;
    };
    await record('sign-up', session.request('/api/auth/sign-up', { json: { email, password: STRONG_PASSWORD } }));
    await record('confirm', session.request('/api/auth/confirm', { json: { email, code: AUTH_CODE } }));
    await record('resend-code', session.request('/api/auth/resend-code', { json: { email: uniqueEmail('nobody') } }));
    await record('sign-in', session.request('/api/auth/sign-in', { json: { email, password: STRONG_PASSWORD } }));
    await record('GET me', session.request('/api/auth/me'));
    await record('refresh', session.request('/api/auth/refresh', { method: 'POST' }));
    await record('token', new Session().request('/api/auth/token', { json: { email, password: STRONG_PASSWORD } }));
    await record('forgot-password', session.request('/api/auth/forgot-password', { json: { email } }));
    await record('change-password', session.request('/api/auth/change-password', { json: { oldPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD } }));
    await record('sign-out', session.request('/api/auth/sign-out', { method: 'POST' }));
    await record('invalid body', session.request('/api/auth/sign-up', { json: {} }));
    await record('unauthenticated me', session.request('/api/auth/me'));
    await record('415', session.request('/api/auth/sign-in', { body: '{}', headers: { 'content-type': 'text/plain' } }));
    const statuses = responses.map(([label]) => label).join(', ');
    assert.ok(responses.every(([, r]) => r.status < 500), statuses);
    const missing = responses.filter(([, r]) => !/\bno-store\b/.test(r.headers.get('cache-control') ?? '')).map(([label]) => label);
    assert.deepEqual(missing, [], `responses without Cache-Control: no-store: ${missing.join(', ')}`);
  });

  it('never leaks a stack trace, file path or internal error name in an error response', async () => {
    const probes: ApiResponse[] = await Promise.all([
      new Session().request('/api/auth/sign-in', { body: '{"email":', headers: { 'content-type': 'application/json' } }),
      new Session().request('/api/auth/sign-in', { json: { email: 1 } }),
      new Session().request('/api/auth/token', { json: { refreshToken: 'x'.repeat(8000) } }),
      new Session().request('/api/auth/me', { headers: { authorization: 'Bearer eyJ.eyJ.sig' } }),
      new Session().request('/api/auth/confirm', { json: { email: uniqueEmail('nobody'), code: '000000' } }),
      new Session().request('/api/auth/reset-password', { json: { email: uniqueEmail('nobody'), code: '000000', newPassword: NEW_PASSWORD } }),
      new Session().request('/api/auth/resend-code', { json: { email: 'not-an-email' } }),
    ]);
    for (const response of probes) {
      assert.ok(response.status >= 400 && response.status < 500, `${response.status} ${response.text}`);
      assert.ok(isProblem(response), response.text);
      assert.doesNotMatch(response.text, /\bat\s+\S+\s+\(|node_modules|\/work\/|\.js:\d+|Exception|TypeError|ReferenceError/, response.text);
      assert.equal(response.headers.get('x-powered-by'), null);
    }
  });
});
