/**
 * Sessions that end for real (SPEC §6.4): after sign-out, sign-out everywhere, a password change or
 * reset, and account deletion, the affected access tokens get 401 on the next request, on this server
 * process and on a second one started beside it (the check lives in DynamoDB, cached at most 2 s).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ChildService } from '../../scripts/stack';
import { AUTH_CODE, createUser, requiredEnv, Session, type TestUser } from './client';
import { startSecondApp } from './second-app';

const CACHE_MS = 2000;

/** The access token a browser session holds (its cookie), to replay as an API client would. */
function accessTokenOf(session: Session): string {
  const entry = [...session.cookies].find(([name]) => /_at$/.test(name));
  assert.ok(entry, `an access cookie among ${[...session.cookies.keys()].join(', ')}`);
  return decodeURIComponent(entry[1]);
}

async function statusWith(baseUrl: string, token: string): Promise<number> {
  return (await fetch(`${baseUrl}/api/tasks?limit=1`, { headers: { authorization: `Bearer ${token}` } })).status;
}

/** Polls until the token is refused (at most the cache time and a little): the answer, and how long it took. */
async function refusedWithin(baseUrl: string, token: string, ms: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const status = await statusWith(baseUrl, token);
    if (status === 401 || Date.now() - started > ms) return status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function signIn(user: TestUser, password = user.password, headers: Record<string, string> = {}): Promise<Session> {
  const session = new Session();
  const response = await session.request('/api/auth/sign-in', { json: { email: user.email, password }, headers });
  assert.equal(response.status, 200, response.text);
  return session;
}

const FIREFOX_ON_ANDROID = 'Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0';

type SessionItem = { id: string; device: string; createdAt: string; lastSeenAt: string; current: boolean };

async function listSessions(session: Session): Promise<SessionItem[]> {
  const response = await session.request<{ items: SessionItem[] }>('/api/auth/sessions');
  assert.equal(response.status, 200, response.text);
  return response.body.items;
}

describe('sessions end for real, on every process', () => {
  let second: ChildService;
  let secondUrl: string;

  before(async () => {
    ({ service: second, url: secondUrl } = await startSecondApp());
  });

  after(async () => {
    await second?.stop();
  });

  it('sign-out: that session’s token is refused here at once, and on the other process within the cache time', async () => {
    const user = await createUser();
    const token = accessTokenOf(user.session);
    assert.equal(await statusWith(requiredEnv('TEST_APP_URL'), token), 200);
    assert.equal(await statusWith(secondUrl, token), 200, 'the other process has seen it live');
    const other = await signIn(user);

    assert.equal((await user.session.request('/api/auth/sign-out', { method: 'POST' })).status, 204);
    assert.equal(await statusWith(requiredEnv('TEST_APP_URL'), token), 401, 'this process');
    assert.equal(await refusedWithin(secondUrl, token, CACHE_MS + 1000), 401, 'the other process');
    assert.equal(await statusWith(secondUrl, accessTokenOf(other)), 200, 'another session of the same person goes on');
  });

  it('sign out everywhere: every session of the person ends, on both processes, refresh tokens too', async () => {
    const user = await createUser();
    const phone = await signIn(user);
    const tokens = [accessTokenOf(user.session), accessTokenOf(phone)];
    const signedOut = await user.session.request('/api/auth/sign-out', { json: { everywhere: true } });
    assert.equal(signedOut.status, 204, signedOut.text);
    for (const token of tokens) {
      assert.equal(await statusWith(requiredEnv('TEST_APP_URL'), token), 401);
      assert.equal(await refusedWithin(secondUrl, token, CACHE_MS + 1000), 401);
    }
    const refreshed = await phone.request('/api/auth/refresh', { method: 'POST' });
    assert.equal(refreshed.status, 401, `the phone's refresh token is revoked too: ${refreshed.text}`);
    const anonymous = await new Session().request('/api/auth/sign-out', { json: { everywhere: true } });
    assert.equal(anonymous.status, 401, 'everywhere needs a session');
  });

  it('a password change ends every other session; this one goes on with fresh cookies', async () => {
    const user = await createUser();
    const laptop = await signIn(user);
    const laptopToken = accessTokenOf(laptop);
    const newPassword = 'Another-Horse-7';
    const changed = await user.session.request('/api/auth/change-password', { json: { oldPassword: user.password, newPassword } });
    assert.equal(changed.status, 204, changed.text);
    assert.equal(await statusWith(requiredEnv('TEST_APP_URL'), laptopToken), 401, 'the other device is out');
    assert.equal((await laptop.request('/api/auth/refresh', { method: 'POST' })).status, 401);
    assert.equal((await user.session.request('/api/tasks?limit=1')).status, 200, 'this device stays signed in');
    await signIn(user, newPassword);
  });

  it('a password reset ends every session of the account', async () => {
    const user = await createUser();
    const token = accessTokenOf(user.session);
    const anonymous = new Session();
    assert.equal((await anonymous.request('/api/auth/forgot-password', { json: { email: user.email } })).status, 204);
    const reset = await anonymous.request('/api/auth/reset-password', { json: { email: user.email, code: AUTH_CODE, newPassword: 'Reset-Horse-5' } });
    assert.equal(reset.status, 204, reset.text);
    assert.equal(await statusWith(requiredEnv('TEST_APP_URL'), token), 401);
    assert.equal(await refusedWithin(secondUrl, token, CACHE_MS + 1000), 401);
  });

  it('a deleted account’s token can no longer create anything', async () => {
    const user = await createUser();
    const token = accessTokenOf(user.session);
    assert.equal((await user.session.request('/api/auth/me', { method: 'DELETE' })).status, 204);
    const created = await fetch(`${requiredEnv('TEST_APP_URL')}/api/tasks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'From beyond' }),
    });
    assert.equal(created.status, 401, await created.text());
    assert.equal(await refusedWithin(secondUrl, token, CACHE_MS + 1000), 401);
  });
  describe('active sessions: listed per person, each one ends on its own', () => {
    it('lists both sessions, ends the other one: its access token and its refresh fail on every process', async () => {
      const user = await createUser();
      const phone = await signIn(user, user.password, { 'user-agent': FIREFOX_ON_ANDROID });
      const phoneToken = accessTokenOf(phone);
      assert.equal(await statusWith(secondUrl, phoneToken), 200, 'the other process has seen the phone live');

      const listed = await listSessions(user.session);
      assert.equal(listed.length, 2, JSON.stringify(listed));
      const mine = listed.filter((item) => item.current);
      assert.equal(mine.length, 1, 'exactly one is this device');
      const other = listed.find((item) => !item.current)!;
      assert.equal(other.device, 'Firefox on Android');
      assert.ok(!Number.isNaN(Date.parse(other.createdAt)) && other.lastSeenAt >= other.createdAt, JSON.stringify(other));
      assert.deepEqual((await listSessions(phone)).find((item) => item.current)?.id, other.id, 'the phone sees itself as current');

      const ended = await user.session.request(`/api/auth/sessions/${other.id}`, { method: 'DELETE' });
      assert.equal(ended.status, 204, ended.text);
      assert.equal(await statusWith(requiredEnv('TEST_APP_URL'), phoneToken), 401, 'this process');
      assert.equal(await refusedWithin(secondUrl, phoneToken, CACHE_MS + 1000), 401, 'the other process');
      const refreshed = await phone.request('/api/auth/refresh', { method: 'POST' });
      assert.equal(refreshed.status, 401, `the phone cannot refresh its way back in: ${refreshed.text}`);

      assert.deepEqual((await listSessions(user.session)).map((item) => item.id), [mine[0]!.id], 'only this device is left');
      assert.equal((await user.session.request('/api/tasks?limit=1')).status, 200, 'this device goes on');
      const again = await user.session.request(`/api/auth/sessions/${other.id}`, { method: 'DELETE' });
      assert.equal(again.status, 404, 'an ended session is gone');
    });

    it('a refresh keeps the same session (no new entry); the refreshed token is still this session', async () => {
      const user = await createUser();
      const [first] = await listSessions(user.session);
      assert.equal((await user.session.request('/api/auth/refresh', { method: 'POST' })).status, 204);
      const afterRefresh = await listSessions(user.session);
      assert.deepEqual(afterRefresh.map((item) => [item.id, item.current]), [[first!.id, true]]);
    });

    it('another person’s session id is not found, and stays alive; a malformed id is not found', async () => {
      const owner = await createUser();
      const stranger = await createUser();
      const [ownerSession] = await listSessions(owner.session);
      const attempt = await stranger.session.request(`/api/auth/sessions/${ownerSession!.id}`, { method: 'DELETE' });
      assert.equal(attempt.status, 404, attempt.text);
      assert.match(attempt.headers.get('content-type') ?? '', /problem\+json/);
      assert.equal((await owner.session.request('/api/tasks?limit=1')).status, 200, 'the owner’s session is untouched');
      assert.equal((await stranger.session.request('/api/auth/sessions/not-a-session', { method: 'DELETE' })).status, 404);
      assert.equal((await new Session().request('/api/auth/sessions')).status, 401, 'the list needs a session');
    });

    it('sign-out removes this session from the list; sign-out everywhere removes them all', async () => {
      const user = await createUser();
      const laptop = await signIn(user);
      const tablet = await signIn(user);
      assert.equal((await listSessions(user.session)).length, 3);
      assert.equal((await laptop.request('/api/auth/sign-out', { method: 'POST' })).status, 204);
      assert.equal((await listSessions(user.session)).length, 2);
      assert.equal((await tablet.request('/api/auth/sign-out', { json: { everywhere: true } })).status, 204);
      const fresh = await signIn(user);
      assert.deepEqual((await listSessions(fresh)).map((item) => item.current), [true], 'only the new sign-in is listed');
    });
  });
});
