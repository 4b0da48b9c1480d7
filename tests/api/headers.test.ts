/**
 * Security headers (lib/security-headers.ts): a strict, per-request-nonce Content-Security-Policy on
 * every page, the fixed set on every API answer; and what the API accepts: cookie writes only with the
 * app's Origin, bodies only as JSON.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { APP_URL, createUser, isProblem, requiredEnv, Session, type ApiResponse, type TestUser } from './client';

const EVIL = 'http://evil.example';
/** Uploads POST to the bucket and views redirect to it: the local S3 emulator here. */
const S3_ORIGIN = new URL(requiredEnv('TEST_S3_ENDPOINT')).origin;
const APP_ORIGIN = new URL(APP_URL).origin;

const SIGNED_OUT_PAGES = ['/sign-in', '/sign-up', '/confirm', '/forgot-password', '/reset-password'];

function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) {
      assert.ok(!map.has(name.toLowerCase()), `directive ${name} appears once: ${policy}`);
      map.set(name.toLowerCase(), sources);
    }
  }
  return map;
}

function pageNonce(response: ApiResponse): string {
  const policy = response.headers.get('content-security-policy') ?? '';
  const nonces = (directives(policy).get('script-src') ?? []).map((source) => /^'nonce-([A-Za-z0-9+/=_-]+)'$/.exec(source)?.[1]).filter(Boolean);
  assert.equal(nonces.length, 1, `one nonce in script-src: ${policy}`);
  return nonces[0]!;
}

function assertCommonHeaders(response: ApiResponse, what: string): void {
  const expected = {
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
    'referrer-policy': 'strict-origin-when-cross-origin',
  };
  for (const [name, value] of Object.entries(expected)) assert.equal(response.headers.get(name), value, `${what}: ${name}`);
  const permissions = response.headers.get('permissions-policy') ?? '';
  for (const feature of ['camera', 'microphone', 'geolocation']) assert.match(permissions, new RegExp(`\\b${feature}=\\(\\)`), `${what}: ${feature} off`);
}

/** The page's policy is strict and names the upload origin; every script tag carries its nonce. */
function assertPageHeaders(response: ApiResponse, what: string): void {
  assert.equal(response.status, 200, `${what} → ${response.status}`);
  assert.match(response.headers.get('content-type') ?? '', /^text\/html/, what);
  assertCommonHeaders(response, what);
  const policy = response.headers.get('content-security-policy') ?? '';
  assert.equal(response.headers.get('content-security-policy-report-only'), null, `${what}: enforced, not report-only`);
  const csp = directives(policy);
  const nonce = pageNonce(response);
  assert.ok(Buffer.from(nonce, 'base64').length >= 16, `${what}: a nonce of at least 128 bits: ${nonce}`);

  const scriptSrc = csp.get('script-src') ?? [];
  assert.ok(scriptSrc.includes("'strict-dynamic'"), `${what}: script-src 'strict-dynamic': ${policy}`);
  for (const unsafe of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*', 'data:', 'http:', 'https:']) {
    assert.ok(!scriptSrc.includes(unsafe), `${what}: no ${unsafe} in script-src: ${policy}`);
  }
  assert.ok(!(csp.get('style-src') ?? []).includes("'unsafe-inline'"), `${what}: <style> needs the nonce: ${policy}`);
  assert.deepEqual(csp.get('default-src'), ["'self'"], `${what}: default-src`);
  assert.deepEqual(csp.get('object-src'), ["'none'"], `${what}: object-src`);
  assert.deepEqual(csp.get('base-uri'), ["'none'"], `${what}: base-uri`);
  assert.deepEqual(csp.get('frame-ancestors'), ["'none'"], `${what}: frame-ancestors`);
  assert.deepEqual(csp.get('form-action'), ["'self'"], `${what}: form-action`);
  assert.deepEqual(csp.get('font-src'), ["'self'"], `${what}: font-src`);
  assert.deepEqual(csp.get('connect-src'), ["'self'", S3_ORIGIN], `${what}: connect-src lets uploads reach the bucket`);
  assert.deepEqual(csp.get('img-src'), ["'self'", 'data:', 'blob:', S3_ORIGIN], `${what}: img-src lets views follow their redirect`);
  // The test app is plain http: asking the browser to upgrade would break every subresource.
  assert.ok(!csp.has('upgrade-insecure-requests'), `${what}: no upgrade-insecure-requests on http`);

  const scripts = [...response.text.matchAll(/<script\b[^>]*>/gi)].map((match) => match[0]);
  assert.ok(scripts.length > 0, `${what}: the page has scripts`);
  const unstamped = scripts.filter((tag) => !tag.includes(` nonce="${nonce}"`));
  assert.deepEqual(unstamped, [], `${what}: every <script> carries the header's nonce`);
  const styles = [...response.text.matchAll(/<style\b[^>]*>/gi)].map((match) => match[0]);
  assert.deepEqual(styles.filter((tag) => !tag.includes(` nonce="${nonce}"`)), [], `${what}: every <style> carries the nonce`);
}

function assertApiHeaders(response: ApiResponse, what: string): void {
  assertCommonHeaders(response, what);
  assert.equal(response.headers.get('content-security-policy'), "default-src 'none'; frame-ancestors 'none'", `${what}: API CSP`);
  assert.equal(response.headers.get('x-frame-options'), 'DENY', `${what}: X-Frame-Options`);
}

function assertProblem(response: ApiResponse, status: number, what: string): void {
  assert.equal(response.status, status, `${what} → ${response.status} ${response.text}`);
  assert.ok(isProblem(response), `${what}: problem+json expected, got ${response.headers.get('content-type')} ${response.text}`);
}

describe('page headers', () => {
  let user: TestUser;
  let listId: string;

  before(async () => {
    user = await createUser();
    const list = await user.session.request<{ id: string }>('/api/lists', { json: { name: 'Headers' } });
    assert.equal(list.status, 201, list.text);
    listId = list.body.id;
  });

  it('every signed-out page has the strict policy, its nonce on every script, and the other headers', async () => {
    for (const path of SIGNED_OUT_PAGES) assertPageHeaders(await new Session().request(path), path);
  });

  it('every signed-in page has them too', async () => {
    for (const path of ['/', '/account', '/activity', '/invitations', `/lists/${listId}`, '/?filter=open']) {
      assertPageHeaders(await user.session.request(path), path);
    }
  });

  it('each request gets a nonce of its own', async () => {
    const nonces = new Set<string>();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      nonces.add(pageNonce(await new Session().request('/sign-in')));
      nonces.add(pageNonce(await user.session.request('/')));
    }
    assert.equal(nonces.size, 6, `six requests, six nonces: ${[...nonces].join(' ')}`);
  });

  it('a nonce sent by the client is not the one the page uses', async () => {
    const planted = 'AAAAAAAAAAAAAAAAAAAAAA==';
    const response = await new Session().request('/sign-in', {
      headers: { 'x-nonce': planted, 'content-security-policy': `script-src 'nonce-${planted}'` },
    });
    assertPageHeaders(response, '/sign-in with planted headers');
    assert.notEqual(pageNonce(response), planted);
    assert.ok(!response.text.includes(planted), 'the planted nonce appears nowhere in the page');
  });

  it('the not-found page and the redirect to sign-in carry the headers', async () => {
    const missing = await user.session.request('/no-such-page');
    assert.equal(missing.status, 404);
    pageNonce(missing);
    assertCommonHeaders(missing, 'not found');
    const redirect = await new Session().request('/account');
    assert.equal(redirect.status, 307, redirect.text);
    assert.match(redirect.headers.get('location') ?? '', /\/sign-in\?next=%2Faccount$/);
    assertCommonHeaders(redirect, 'redirect');
    assert.match(redirect.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
  });

  it('the scripts a page names are served, so the nonce is all they need', async () => {
    const response = await new Session().request('/sign-in');
    const sources = [...response.text.matchAll(/<script\b[^>]*\ssrc="([^"]+)"/gi)].map((match) => match[1]!);
    assert.ok(sources.length > 0);
    for (const source of sources) {
      assert.ok(source.startsWith('/_next/static/'), `same-origin script: ${source}`);
      const asset = await fetch(new URL(source, APP_URL));
      assert.equal(asset.status, 200, source);
      assert.equal(asset.headers.get('x-content-type-options'), 'nosniff', source);
      await asset.arrayBuffer();
    }
  });
});

describe('API headers', () => {
  it('answers, successes and problems alike, carry nosniff, CORP and the API policy', async () => {
    const user = await createUser();
    assertApiHeaders(await new Session().request('/api/health'), 'GET /api/health');
    assertApiHeaders(await new Session().request('/api/tasks'), 'GET /api/tasks signed out (401)');
    const created = await user.session.request('/api/tasks', { json: { title: 'Headers' } });
    assert.equal(created.status, 201, created.text);
    assertApiHeaders(created, 'POST /api/tasks');
    assertApiHeaders(await user.session.request('/api/tasks/not-a-task'), 'GET an unknown task (404)');
    assertApiHeaders(await new Session().request('/api/tasks/%E0%A4%A'), 'an undecodable path (400)');
  });
});

describe('cookie writes need the app’s Origin', () => {
  it('refuses a cookie POST without Origin with 403 problem+json, and stores nothing', async () => {
    const user = await createUser();
    const response = await user.session.request('/api/tasks', { json: { title: 'No origin' }, origin: null });
    assertProblem(response, 403, 'cookie POST without Origin');
    const tasks = await user.session.request<{ items: { title: string }[] }>('/api/tasks');
    assert.deepEqual(tasks.body.items.map((task) => task.title), []);
  });

  it('refuses PATCH, DELETE and a bodiless sign-out without Origin: the session keeps working', async () => {
    const user = await createUser();
    const created = await user.session.request<{ id: string }>('/api/tasks', { json: { title: 'Keep me' } });
    assert.equal(created.status, 201, created.text);
    const path = `/api/tasks/${created.body.id}`;
    assertProblem(await user.session.request(path, { method: 'PATCH', json: { title: 'Changed' }, origin: null }), 403, 'PATCH without Origin');
    assertProblem(await user.session.request(path, { method: 'DELETE', origin: null }), 403, 'DELETE without Origin');
    assertProblem(await user.session.request('/api/auth/sign-out', { method: 'POST', origin: null }), 403, 'sign-out without Origin');
    const task = await user.session.request<{ title: string }>(path);
    assert.equal(task.status, 200, task.text);
    assert.equal(task.body.title, 'Keep me');
  });

  it('refuses a foreign Origin with 403', async () => {
    const user = await createUser();
    assertProblem(await user.session.request('/api/tasks', { json: { title: 'Evil' }, origin: EVIL }), 403, 'foreign Origin');
  });

  it("accepts the app's own Origin", async () => {
    const user = await createUser();
    const response = await user.session.request('/api/tasks', { json: { title: 'Mine' }, origin: APP_ORIGIN });
    assert.equal(response.status, 201, response.text);
  });

  it('lets a Bearer POST through without Origin: it carries no ambient credentials', async () => {
    const user = await createUser({ signIn: false });
    const tokens = await new Session().request<{ accessToken: string }>('/api/auth/token', {
      json: { email: user.email, password: user.password },
      origin: null,
    });
    assert.equal(tokens.status, 200, tokens.text);
    const response = await new Session().request('/api/tasks', {
      json: { title: 'From a script' },
      origin: null,
      headers: { authorization: `Bearer ${tokens.body.accessToken}` },
    });
    assert.equal(response.status, 201, response.text);
  });

  it('lets a client without cookies sign in without Origin (nothing ambient to forge)', async () => {
    const user = await createUser({ signIn: false });
    const session = new Session();
    const response = await session.request('/api/auth/sign-in', { json: { email: user.email, password: user.password }, origin: null });
    assert.equal(response.status, 200, response.text);
    // Once it holds cookies it is a cookie client like any other.
    assertProblem(await session.request('/api/tasks', { json: { title: 'x' }, origin: null }), 403, 'then a cookie POST without Origin');
  });
});

describe('request bodies are JSON only', () => {
  let user: TestUser;
  before(async () => {
    user = await createUser();
  });

  it('answers a JSON text sent as text/plain (or a form type, or none) with 415', async () => {
    const body = JSON.stringify({ title: 'Sneaky' });
    for (const contentType of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', undefined]) {
      // A string body would get text/plain from fetch itself; bytes go out with no Content-Type at all.
      const response = await user.session.request('/api/tasks', {
        method: 'POST',
        body: contentType ? body : new TextEncoder().encode(body),
        headers: contentType ? { 'content-type': contentType } : {},
      });
      assertProblem(response, 415, `Content-Type ${contentType ?? '(none)'}`);
    }
    const tasks = await user.session.request<{ items: unknown[] }>('/api/tasks');
    assert.equal(tasks.body.items.length, 0, 'nothing was stored');
  });

  it('accepts application/json with a charset and application/*+json', async () => {
    for (const contentType of ['application/json; charset=utf-8', 'application/merge-patch+json']) {
      const response = await user.session.request('/api/tasks', { json: { title: contentType }, headers: { 'content-type': contentType } });
      assert.equal(response.status, 201, `${contentType} → ${response.status} ${response.text}`);
    }
  });
});
