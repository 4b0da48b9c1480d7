/** One account from sign-up to deletion, through every /api/auth endpoint, checking cookies and stored data. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  AUTH_CODE,
  createUser,
  emulatorClientConfig,
  isProblem,
  problemFields,
  requiredEnv,
  Session,
  setCookieFor,
  uniqueEmail,
  type ApiResponse,
} from './client';

const ACCESS = 'todoer_at';
const REFRESH = 'todoer_rt';
const PASSWORD = 'Lifecycle-Pass-1';
const CHANGED_PASSWORD = 'Changed-Pass-22';
const RESET_PASSWORD = 'Reset-Pass-333';
const OWN_ITEMS = 27; // more than one BatchWriteItem (25) worth, so deletion has to page

type User = { id: string; email: string; name: string | null; timeZone: string | null };

/** A session cookie as a browser would keep it: httpOnly, SameSite=Lax, whole site, not Secure on http://localhost. */
function assertSessionCookie(response: ApiResponse, name: string) {
  const header = setCookieFor(response, name);
  assert.ok(header, `expected Set-Cookie for ${name}, got ${JSON.stringify(response.headers.getSetCookie())}`);
  const [pair = '', ...rawAttributes] = header.split(';').map((part) => part.trim());
  const attributes = rawAttributes.map((a) => a.toLowerCase());
  assert.ok(pair.length > name.length + 1, `${name} has a value`);
  assert.ok(attributes.includes('httponly'), `${name} is HttpOnly: ${header}`);
  assert.ok(attributes.includes('samesite=lax'), `${name} is SameSite=Lax: ${header}`);
  assert.ok(attributes.includes('path=/'), `${name} has Path=/: ${header}`);
  assert.ok(!attributes.includes('secure'), `${name} is not Secure on plain-http localhost: ${header}`);
  const maxAge = attributes.find((a) => a.startsWith('max-age='));
  assert.ok(maxAge && Number(maxAge.slice('max-age='.length)) > 0, `${name} is a persistent cookie: ${header}`);
}

function assertClearedCookie(response: ApiResponse, name: string) {
  const header = setCookieFor(response, name);
  assert.ok(header, `expected ${name} to be cleared, got ${JSON.stringify(response.headers.getSetCookie())}`);
  const attributes = header.split(';').map((part) => part.trim().toLowerCase());
  assert.equal(attributes[0], `${name}=`, `cleared ${name} has no value: ${header}`);
  assert.ok(
    attributes.includes('max-age=0') || attributes.some((a) => a.startsWith('expires=thu, 01 jan 1970')),
    `cleared ${name} expires now: ${header}`,
  );
  assert.ok(attributes.includes('path=/'), `cleared ${name} has Path=/ (else the browser keeps the original): ${header}`);
}

function assertProblem(response: ApiResponse, status: number) {
  assert.equal(response.status, status, response.text);
  assert.ok(isProblem(response), `problem+json expected: ${response.headers.get('content-type')} ${response.text}`);
}

describe('account lifecycle', () => {
  const email = uniqueEmail('lifecycle');
  const name = 'Lifecycle Person';
  const session = new Session();
  let user: User;

  it('signs up unconfirmed', async () => {
    const response = await session.request('/api/auth/sign-up', { json: { email, password: PASSWORD, name } });
    assert.equal(response.status, 201, response.text);
    assert.deepEqual(response.body, { userConfirmed: false });
    assert.equal(response.headers.getSetCookie().length, 0, 'sign-up alone starts no session');
  });

  it('refuses sign-in before confirmation with 403 "Account not confirmed"', async () => {
    const response = await session.request('/api/auth/sign-in', { json: { email, password: PASSWORD } });
    assertProblem(response, 403);
    assert.equal((response.body as { title: string }).title, 'Account not confirmed');
    assert.equal(response.headers.getSetCookie().length, 0);
    assert.equal(session.cookies.size, 0);
  });

  it('resends the confirmation code', async () => {
    const response = await session.request('/api/auth/resend-code', { json: { email } });
    assert.equal(response.status, 204, response.text);
  });

  it('rejects a wrong confirmation code with a field error on code', async () => {
    const wrong = AUTH_CODE === '000000' ? '111111' : '000000';
    const response = await session.request('/api/auth/confirm', { json: { email, code: wrong } });
    assertProblem(response, 400);
    assert.deepEqual(problemFields(response), ['code']);
  });

  it('confirms with the emailed code', async () => {
    const response = await session.request('/api/auth/confirm', { json: { email, code: AUTH_CODE } });
    assert.equal(response.status, 204, response.text);
  });

  it('signs in: 200 {user} and httpOnly SameSite=Lax session cookies', async () => {
    const response = await session.request<{ user: User }>('/api/auth/sign-in', { json: { email, password: PASSWORD } });
    assert.equal(response.status, 200, response.text);
    user = response.body.user;
    assert.match(user.id, /^[0-9a-f-]{36}$/);
    // No time zone: this sign-up sent none (the web form sends the browser's; PATCH /api/auth/me changes it).
    assert.deepEqual(user, { id: user.id, email, name, timeZone: null });
    assert.deepEqual(Object.keys(response.body), ['user'], 'no token in the body: page scripts never see one');
    assertSessionCookie(response, ACCESS);
    assertSessionCookie(response, REFRESH);
  });

  it('GET /api/auth/me returns the same user from the cookie', async () => {
    const response = await session.request<{ user: User }>('/api/auth/me');
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body, { user });
  });

  it('POST /api/auth/refresh renews the access cookie', async () => {
    const before = session.cookies.get(ACCESS);
    const response = await session.request('/api/auth/refresh', { method: 'POST' });
    assert.equal(response.status, 204, response.text);
    assertSessionCookie(response, ACCESS);
    const renewed = session.cookies.get(ACCESS);
    assert.ok(renewed && renewed !== before, 'a new access token was set');
    assert.ok(session.cookies.get(REFRESH), 'the refresh cookie is kept');
    const me = await session.request<{ user: User }>('/api/auth/me');
    assert.equal(me.status, 200, me.text);
    assert.deepEqual(me.body, { user });
  });

  it('change-password with a wrong old password is 400 on field oldPassword', async () => {
    const response = await session.request('/api/auth/change-password', {
      json: { oldPassword: 'Not-The-Password-1', newPassword: CHANGED_PASSWORD },
    });
    assertProblem(response, 400);
    assert.deepEqual(problemFields(response), ['oldPassword']);
  });

  it('change-password with the right old password is 204', async () => {
    const response = await session.request('/api/auth/change-password', {
      json: { oldPassword: PASSWORD, newPassword: CHANGED_PASSWORD },
    });
    assert.equal(response.status, 204, response.text);
  });

  it('after the change the old password is refused and the new one works', async () => {
    const probe = new Session();
    const old = await probe.request('/api/auth/sign-in', { json: { email, password: PASSWORD } });
    assertProblem(old, 401);
    const fresh = await probe.request<{ user: User }>('/api/auth/sign-in', { json: { email, password: CHANGED_PASSWORD } });
    assert.equal(fresh.status, 200, fresh.text);
    assert.deepEqual(fresh.body, { user });
  });

  it('forgot-password then reset-password with the code sets a new password', async () => {
    const probe = new Session();
    const forgot = await probe.request('/api/auth/forgot-password', { json: { email } });
    assert.equal(forgot.status, 204, forgot.text);
    const reset = await probe.request('/api/auth/reset-password', {
      json: { email, code: AUTH_CODE, newPassword: RESET_PASSWORD },
    });
    assert.equal(reset.status, 204, reset.text);
    const signIn = await probe.request<{ user: User }>('/api/auth/sign-in', { json: { email, password: RESET_PASSWORD } });
    assert.equal(signIn.status, 200, signIn.text);
    assert.deepEqual(signIn.body, { user });
  });

  it('sign-out clears the cookies and revokes the refresh token', async () => {
    const signIn = await session.request('/api/auth/sign-in', { json: { email, password: RESET_PASSWORD } });
    assert.equal(signIn.status, 200, signIn.text);
    const oldRefresh = session.cookies.get(REFRESH);
    assert.ok(oldRefresh);

    const response = await session.request('/api/auth/sign-out', { method: 'POST' });
    assert.equal(response.status, 204, response.text);
    assertClearedCookie(response, ACCESS);
    assertClearedCookie(response, REFRESH);
    assert.equal(session.cookies.size, 0);

    assertProblem(await session.request('/api/auth/me'), 401);

    const stolen = new Session();
    stolen.cookies.set(REFRESH, oldRefresh);
    const refresh = await stolen.request('/api/auth/refresh', { method: 'POST' });
    assertProblem(refresh, 401);
    assert.ok(refresh.headers.get('www-authenticate'), 'a 401 names the scheme');
    assert.equal(stolen.cookies.size, 0, 'a dead refresh cookie is cleared');

    const token = await new Session().request('/api/auth/token', { json: { refreshToken: oldRefresh } });
    assertProblem(token, 401);
  });

  it('DELETE /api/auth/me removes the account, its tasks and its objects, and nothing of anyone else', async () => {
    const table = requiredEnv('TEST_TABLE');
    const bucket = requiredEnv('TEST_BUCKET');
    const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient(emulatorClientConfig(requiredEnv('TEST_DYNAMODB_ENDPOINT'))));
    const s3 = new S3Client({
      ...emulatorClientConfig(requiredEnv('TEST_S3_ENDPOINT')),
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    try {
      const signIn = await session.request('/api/auth/sign-in', { json: { email, password: RESET_PASSWORD } });
      assert.equal(signIn.status, 200, signIn.text);
      const other = await createUser();
      const otherMe = await other.session.request<{ user: User }>('/api/auth/me');
      assert.equal(otherMe.status, 200, otherMe.text);
      const otherId = otherMe.body.user.id;

      const now = Date.now();
      const item = (userId: string, n: number) => ({
        user_id: userId,
        todo_id: `todo-${String(n).padStart(3, '0')}`,
        createdAt: new Date(now + n).toISOString(),
        title: `Task ${n}`,
      });
      const items = [...Array.from({ length: OWN_ITEMS }, (_, n) => item(user.id, n)), item(otherId, 0)];
      for (let i = 0; i < items.length; i += 25) {
        await dynamo.send(
          new BatchWriteCommand({ RequestItems: { [table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }),
        );
      }
      const ownKeys = [`users/${user.id}/tasks/t1/a1`, `users/${user.id}/tasks/t2/a2`];
      const otherKey = `users/${otherId}/tasks/t1/a1`;
      for (const Key of [...ownKeys, otherKey]) {
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: `bytes of ${Key}`, ContentType: 'image/png' }));
      }
      const countItems = async (userId: string) =>
        (await dynamo.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'user_id = :u', ExpressionAttributeValues: { ':u': userId } })))
          .Count ?? -1;
      const countObjects = async (userId: string) =>
        (await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `users/${userId}/` }))).KeyCount ?? 0;
      assert.equal(await countItems(user.id), OWN_ITEMS, 'seeded own items');
      assert.equal(await countObjects(user.id), ownKeys.length, 'seeded own objects');

      const response = await session.request('/api/auth/me', { method: 'DELETE' });
      assert.equal(response.status, 204, response.text);
      assertClearedCookie(response, ACCESS);
      assertClearedCookie(response, REFRESH);

      assert.equal(await countItems(user.id), 0, "the user's task items are gone");
      assert.equal(await countObjects(user.id), 0, "the user's objects are gone");
      assert.equal(await countItems(otherId), 1, "another user's item remains");
      const otherItem = await dynamo.send(new GetCommand({ TableName: table, Key: { user_id: otherId, todo_id: 'todo-000' } }));
      assert.equal(otherItem.Item?.title, 'Task 0', "another user's item is intact");
      const otherObject = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: otherKey }));
      assert.equal(await otherObject.Body?.transformToString(), `bytes of ${otherKey}`, "another user's object remains");
      assert.equal((await other.session.request('/api/auth/me')).status, 200, 'the other account still works');
    } finally {
      dynamo.destroy();
      s3.destroy();
    }
  });

  it('a deleted account signs in like an unknown one: 401 with the same body', async () => {
    const unknown = await new Session().request('/api/auth/sign-in', { json: { email: uniqueEmail('nobody'), password: RESET_PASSWORD } });
    assertProblem(unknown, 401);
    const deleted = await new Session().request('/api/auth/sign-in', { json: { email, password: RESET_PASSWORD } });
    assertProblem(deleted, 401);
    assert.deepEqual(deleted.body, unknown.body);
  });
});
