/**
 * Health of the shared stack, then a stack of this file's own: DynamoDB and Cognito are stopped and restarted
 * under a running app, which must answer 503 naming the service, quickly, and recover; a stopped labeller
 * leaves uploads ready without labels until they are completed again. The same stack runs with
 * a per-client sign-in limit of 3, so the per-client lock can be exhausted without locking out other test files.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestStack, type Stack } from '../../scripts/stack';
import { createUserAt, isProblem, Session, uniqueEmail, type ApiResponse } from './client';

type Health = { status?: string; detail?: string; checks?: Record<string, string> };

const FAST_MS = 5000;
const MAX_FAILURES_PER_IP = 3;

/**
 * POSTs JSON from a chosen loopback source address (127.0.0.2, 127.0.0.3, ...), so each test is a different
 * client to the server's per-client limit, with no proxy in between.
 */
function postFrom(localAddress: string, url: string, json: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', localAddress, agent: false, headers: { 'content-type': 'application/json', ...headers } },
      (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            for (const item of Array.isArray(value) ? value : [value ?? '']) responseHeaders.append(name, item);
          }
          const body: unknown = /json/.test(responseHeaders.get('content-type') ?? '') && text ? JSON.parse(text) : text;
          resolve({ status: response.statusCode ?? 0, headers: responseHeaders, body, text });
        });
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify(json));
  });
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: Math.round(performance.now() - started) };
}

/** Polls until the app reports healthy again; returns the last answer. */
async function waitForHealthy(session: Session, withinMs: number): Promise<ApiResponse<Health>> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const response = await session.request<Health>('/api/health');
    if (response.status === 200 || Date.now() > deadline) return response;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function assertUnavailable(response: ApiResponse, service: string, what: string) {
  assert.equal(response.status, 503, `${what}: ${response.status} ${response.text}`);
  assert.ok(isProblem(response), `${what}: problem+json expected: ${response.text}`);
  assert.match((response.body as { detail: string }).detail, new RegExp(`\\b${service}\\b`), `${what}: the detail names ${service}`);
}

describe('health on the shared stack', () => {
  it('GET /api/health → 200 {status: ok, checks: cognito, dynamodb, s3 all ok}', async () => {
    const response = await new Session().request<Health>('/api/health');
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body, { status: 'ok', checks: { cognito: 'ok', dynamodb: 'ok', s3: 'ok' } });
    assert.match(response.headers.get('cache-control') ?? '', /no-store/);
  });

  it('GET /api/health/live → 200 {status: ok}, uncached, without a session', async () => {
    const response = await new Session().request<Health>('/api/health/live');
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body, { status: 'ok' });
    assert.match(response.headers.get('cache-control') ?? '', /no-store/);
  });
});

describe('own stack: outages and the per-client sign-in limit', () => {
  let stack: Stack | undefined;
  let dataDir = '';
  let session: Session;

  const app = () => {
    assert.ok(stack, 'the stack started');
    return stack;
  };

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'todoer-faults-'));
    // One trusted proxy hop: requests without X-Forwarded-For are keyed by the socket address Next
    // fills in; requests with one are keyed by its last entry, as a proxy in front would write it.
    stack = await startTestStack({
      dataDir,
      extraEnv: { SIGN_IN_MAX_FAILURES_PER_IP: String(MAX_FAILURES_PER_IP), TRUSTED_PROXY_HOPS: '1' },
    });
    session = new Session(stack.appUrl);
  });

  after(async () => {
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('DynamoDB down: health and account deletion answer 503 naming DynamoDB within 5 s, then recover', async () => {
    const { services } = app().emulators;
    const user = await createUserAt(app().appUrl);
    assert.equal((await session.request('/api/health')).status, 200, 'healthy before the outage');

    await services.dynamodb.stop();
    try {
      const health = await timed(() => session.request<Health>('/api/health'));
      assertUnavailable(health.result, 'DynamoDB', 'health');
      assert.deepEqual(health.result.body.checks, { cognito: 'ok', dynamodb: 'unavailable', s3: 'ok' });
      assert.ok(health.ms < FAST_MS, `health answered in ${health.ms} ms`);
      // Liveness calls no backend: the load balancer and ECS keep the task through the outage.
      const live = await session.request<Health>('/api/health/live');
      assert.equal(live.status, 200, live.text);
      assert.deepEqual(live.body, { status: 'ok' });

      const deletion = await timed(() => user.session.request('/api/auth/me', { method: 'DELETE' }));
      assertUnavailable(deletion.result, 'DynamoDB', 'DELETE /api/auth/me');
      assert.ok(deletion.ms < FAST_MS, `DELETE /api/auth/me answered in ${deletion.ms} ms`);
      assert.equal(deletion.result.headers.getSetCookie().length, 0, 'a failed deletion keeps the session');
      assert.equal((await user.session.request('/api/auth/me')).status, 200, 'the account is intact');
    } finally {
      await services.dynamodb.start();
    }

    const recovered = await waitForHealthy(session, 10_000);
    assert.equal(recovered.status, 200, `health after DynamoDB restarted: ${recovered.text}`);
    assert.deepEqual(recovered.body.checks, { cognito: 'ok', dynamodb: 'ok', s3: 'ok' });

    const deletion = await user.session.request('/api/auth/me', { method: 'DELETE' });
    assert.equal(deletion.status, 204, `deletion after recovery: ${deletion.text}`);
    assert.equal((await new Session(app().appUrl).request('/api/auth/sign-in', { json: { email: user.email, password: user.password } })).status, 401);
  });

  it('Rekognition down: an upload still completes (ready, no labels); completing again after recovery labels it', async () => {
    const { services } = app().emulators;
    const user = await createUserAt(app().appUrl);
    const task = await user.session.request<{ id: string }>('/api/tasks', { json: { title: 'Photo while the labeller is down' } });
    assert.equal(task.status, 201, task.text);
    const dog = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'dog.jpg'));
    type Created = { attachment: { id: string }; upload: { url: string; fields: Record<string, string> } };
    const created = await user.session.request<Created>(`/api/tasks/${task.body.id}/attachments`, {
      json: { fileName: 'dog.jpg', contentType: 'image/jpeg', size: dog.length },
    });
    assert.equal(created.status, 201, created.text);
    const form = new FormData();
    for (const [name, value] of Object.entries(created.body.upload.fields)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(dog)], { type: 'image/jpeg' }), 'dog.jpg');
    assert.ok((await fetch(created.body.upload.url, { method: 'POST', body: form })).ok);
    const completePath = `/api/tasks/${task.body.id}/attachments/${created.body.attachment.id}/complete`;
    type Attachment = { status: string; labels: { name: string }[]; labelling: string };

    await services.rekognition.stop();
    try {
      const unlabelled = await timed(() => user.session.request<Attachment>(completePath, { method: 'POST' }));
      assert.equal(unlabelled.result.status, 200, unlabelled.result.text);
      assert.equal(unlabelled.result.body.status, 'ready', 'the image is kept');
      assert.deepEqual(unlabelled.result.body.labels, []);
      assert.equal(unlabelled.result.body.labelling, 'failed', 'the missing labels are said, not hidden');
      assert.ok(unlabelled.ms < FAST_MS, `complete answered in ${unlabelled.ms} ms`);
      assert.equal((await session.request('/api/health')).status, 200, 'labelling is not part of health');
    } finally {
      await services.rekognition.start();
    }

    const relabelled = await user.session.request<Attachment>(completePath, { method: 'POST' });
    assert.equal(relabelled.status, 200, relabelled.text);
    assert.equal(relabelled.body.labels[0]?.name, 'Dog', relabelled.text);
    assert.equal(relabelled.body.labelling, 'done');
  });

  it('Cognito down: health and sign-in answer 503 naming Cognito within 5 s, sessions survive, then recover', async () => {
    const { services } = app().emulators;
    const user = await createUserAt(app().appUrl);
    const refreshCookie = [...user.session.cookies.entries()].find(([name]) => name.endsWith('todoer_rt'));
    assert.ok(refreshCookie, 'signed in with a refresh cookie');

    await services.cognito.stop();
    try {
      const health = await timed(() => session.request<Health>('/api/health'));
      assertUnavailable(health.result, 'Cognito', 'health');
      assert.deepEqual(health.result.body.checks, { cognito: 'unavailable', dynamodb: 'ok', s3: 'ok' });
      assert.ok(health.ms < FAST_MS, `health answered in ${health.ms} ms`);

      const signIn = await timed(() =>
        new Session(app().appUrl).request('/api/auth/sign-in', { json: { email: user.email, password: user.password } }),
      );
      assertUnavailable(signIn.result, 'Cognito', 'sign-in');
      assert.ok(signIn.ms < FAST_MS, `sign-in answered in ${signIn.ms} ms`);

      // An outage is not a signed-out session: refreshing fails with 503 and keeps the cookies.
      const refresh = await timed(() => user.session.request('/api/auth/refresh', { method: 'POST' }));
      assertUnavailable(refresh.result, 'Cognito', 'refresh');
      assert.ok(refresh.ms < FAST_MS, `refresh answered in ${refresh.ms} ms`);
      assert.equal(refresh.result.headers.getSetCookie().length, 0, 'the session cookies are kept during an outage');

      const token = await new Session(app().appUrl).request('/api/auth/token', { json: { refreshToken: refreshCookie[1] } });
      assertUnavailable(token, 'Cognito', 'token refresh');
    } finally {
      await services.cognito.start();
    }

    const recovered = await waitForHealthy(session, 10_000);
    assert.equal(recovered.status, 200, `health after Cognito restarted: ${recovered.text}`);
    const signIn = await new Session(app().appUrl).request('/api/auth/sign-in', { json: { email: user.email, password: user.password } });
    assert.equal(signIn.status, 200, `sign-in after recovery: ${signIn.text}`);
    const refresh = await user.session.request('/api/auth/refresh', { method: 'POST' });
    assert.equal(refresh.status, 204, `the session kept through the outage still refreshes: ${refresh.text}`);
    assert.equal((await user.session.request('/api/auth/me')).status, 200);
  });

  it(`locks a client after ${MAX_FAILURES_PER_IP} failures across different emails, even for another account's right password`, async () => {
    const signInUrl = `${app().appUrl}/api/auth/sign-in`;
    const user = await createUserAt(app().appUrl, { signIn: false });
    const client = '127.0.0.2';
    for (let i = 1; i < MAX_FAILURES_PER_IP; i += 1) {
      const failed = await postFrom(client, signInUrl, { email: uniqueEmail('spray'), password: 'Wrong-Guess-1' });
      assert.equal(failed.status, 401, failed.text);
    }
    const below = await postFrom(client, signInUrl, { email: user.email, password: user.password });
    assert.equal(below.status, 200, `below the limit the right password works: ${below.text}`);
    const last = await postFrom(client, signInUrl, { email: uniqueEmail('spray'), password: 'Wrong-Guess-1' });
    assert.equal(last.status, 401, last.text);

    const locked = await postFrom(client, signInUrl, { email: user.email, password: user.password });
    assert.equal(locked.status, 429, `at the limit even another account's right password waits: ${locked.text}`);
    assert.ok(isProblem(locked), locked.text);
    assert.match(locked.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
    const token = await postFrom(client, `${app().appUrl}/api/auth/token`, { email: user.email, password: user.password });
    assert.equal(token.status, 429, `the token endpoint shares the limit: ${token.text}`);

    const otherClient = await postFrom('127.0.0.4', signInUrl, { email: user.email, password: user.password });
    assert.equal(otherClient.status, 200, `another client is not locked: ${otherClient.text}`);
  });

  it('forged leading X-Forwarded-For entries do not give a client a fresh count', async () => {
    const signInUrl = `${app().appUrl}/api/auth/sign-in`;
    const user = await createUserAt(app().appUrl, { signIn: false });
    // The last entry is what the trusted proxy saw; everything before it came from the client.
    const proxied = (forged: string) => ({ 'x-forwarded-for': `${forged}, 198.51.100.77` });
    for (let i = 1; i <= MAX_FAILURES_PER_IP; i += 1) {
      const failed = await postFrom('127.0.0.3', signInUrl, { email: uniqueEmail('spray'), password: 'Wrong-Guess-1' }, proxied(`203.0.113.${i}`));
      assert.equal(failed.status, 401, failed.text);
    }
    const next = await postFrom('127.0.0.3', signInUrl, { email: user.email, password: user.password }, proxied('192.0.2.1'));
    assert.equal(next.status, 429, `rotating forged entries must not evade the limit: ${next.status} ${next.text}`);
    const otherClient = await postFrom('127.0.0.3', signInUrl, { email: user.email, password: user.password }, { 'x-forwarded-for': '198.51.100.78' });
    assert.equal(otherClient.status, 200, `a different client behind the proxy is not locked: ${otherClient.text}`);
  });
});
