/** Bearer tokens from POST /api/auth/token, and every way a forged, foreign or stale token must be refused. */
import assert from 'node:assert/strict';
import { createPrivateKey, createSign, generateKeyPairSync, createHmac, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createUser, emulatorClientConfig, isProblem, requiredEnv, Session, type ApiResponse, type TestUser } from './client';

type Tokens = { accessToken: string; idToken: string; refreshToken?: string; expiresIn: number };
type Jwt = { header: Record<string, unknown>; payload: Record<string, unknown>; signature: string };

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

function decode(token: string): Jwt {
  const [header = '', payload = '', signature = ''] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>,
    signature,
  };
}

function signRs256(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const signature = createSign('RSA-SHA256').update(input).sign(key);
  return `${input}.${b64url(signature)}`;
}

/** The key cognito-local signs with: lets a test mint tokens that are valid in every way but one. */
function emulatorSigningKey(): KeyObject {
  const file = path.join(process.cwd(), 'node_modules', 'cognito-local', 'lib', 'keys', 'cognitoLocal.private.json');
  const { jwk } = JSON.parse(readFileSync(file, 'utf8')) as { jwk: Record<string, string> };
  return createPrivateKey({ key: jwk, format: 'jwk' });
}

async function me(headers: Record<string, string>, session = new Session()): Promise<ApiResponse<{ user?: { id: string } }>> {
  return session.request('/api/auth/me', { headers });
}

async function assertRejected(label: string, headers: Record<string, string>, session?: Session) {
  const response = await me(headers, session);
  assert.equal(response.status, 401, `${label}: expected 401, got ${response.status} ${response.text}`);
  assert.ok(isProblem(response), `${label}: problem+json expected: ${response.text}`);
  assert.ok(response.headers.get('www-authenticate')?.startsWith('Bearer'), `${label}: WWW-Authenticate: Bearer expected`);
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('Bearer tokens', () => {
  let alice: TestUser;
  let bob: TestUser;
  let aliceTokens: Tokens;
  let bobTokens: Tokens;
  let signingKey: KeyObject;
  let cognito: CognitoIdentityProviderClient;

  before(async () => {
    [alice, bob] = await Promise.all([createUser({ signIn: false }), createUser({ signIn: false })]);
    signingKey = emulatorSigningKey();
    cognito = new CognitoIdentityProviderClient(emulatorClientConfig(requiredEnv('TEST_COGNITO_ENDPOINT')));
  });
  after(() => cognito.destroy());

  it('POST /api/auth/token {email, password} → 200 {accessToken, idToken, refreshToken, expiresIn}', async () => {
    const response = await new Session().request<Tokens>('/api/auth/token', { json: { email: alice.email, password: alice.password } });
    assert.equal(response.status, 200, response.text);
    assert.equal(response.headers.getSetCookie().length, 0, 'token clients get no cookies');
    aliceTokens = response.body;
    assert.deepEqual(Object.keys(aliceTokens).sort(), ['accessToken', 'expiresIn', 'idToken', 'refreshToken']);
    assert.ok(Number.isInteger(aliceTokens.expiresIn) && aliceTokens.expiresIn > 0 && aliceTokens.expiresIn <= 3600, String(aliceTokens.expiresIn));
    assert.equal(decode(aliceTokens.accessToken).payload.token_use, 'access');
    assert.equal(decode(aliceTokens.idToken).payload.token_use, 'id');
    assert.equal(decode(aliceTokens.accessToken).payload.client_id, requiredEnv('TEST_CLIENT_ID'));

    const forBob = await new Session().request<Tokens>('/api/auth/token', { json: { email: bob.email, password: bob.password } });
    assert.equal(forBob.status, 200, forBob.text);
    bobTokens = forBob.body;
  });

  it('GET /api/auth/me with Authorization: Bearer <access token> → 200', async () => {
    const response = await me(bearer(aliceTokens.accessToken));
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.user?.id, decode(aliceTokens.accessToken).payload.sub);
  });

  it('{refreshToken} → a new access token that works', async () => {
    assert.ok(aliceTokens.refreshToken);
    const response = await new Session().request<Tokens>('/api/auth/token', { json: { refreshToken: aliceTokens.refreshToken } });
    assert.equal(response.status, 200, response.text);
    assert.ok(response.body.accessToken && response.body.accessToken !== aliceTokens.accessToken);
    assert.ok(response.body.idToken);
    assert.ok(response.body.expiresIn > 0);
    const check = await me(bearer(response.body.accessToken));
    assert.equal(check.status, 200, check.text);
    assert.equal(check.body.user?.id, decode(aliceTokens.accessToken).payload.sub);
  });

  it('a token minted with the right key and claims is accepted (control for the forgeries below)', async () => {
    const { header, payload } = decode(aliceTokens.accessToken);
    const now = Math.floor(Date.now() / 1000);
    const response = await me(bearer(signRs256(header, { ...payload, iat: now, exp: now + 600 }, signingKey)));
    assert.equal(response.status, 200, response.text);
  });

  it('refuses no token, a malformed header and non-Bearer schemes', async () => {
    await assertRejected('no token', {});
    await assertRejected('Bearer garbage', { authorization: 'Bearer garbage' });
    await assertRejected('Bearer with no token', { authorization: 'Bearer ' });
    await assertRejected('bare token', { authorization: aliceTokens.accessToken });
    await assertRejected('Basic', { authorization: `Basic ${Buffer.from(`${alice.email}:${alice.password}`).toString('base64')}` });
    await assertRejected('two tokens', { authorization: `Bearer ${aliceTokens.accessToken} ${aliceTokens.accessToken}` });
    await assertRejected('three dots', { authorization: 'Bearer a.b.c' });
  });

  it('refuses a token with one signature character flipped', async () => {
    const token = aliceTokens.accessToken;
    const index = token.length - 10;
    const flipped = `${token.slice(0, index)}${token[index] === 'A' ? 'B' : 'A'}${token.slice(index + 1)}`;
    assert.notEqual(flipped, token);
    await assertRejected('flipped signature', bearer(flipped));
  });

  it('refuses alg "none" with an empty signature', async () => {
    const { payload } = decode(aliceTokens.accessToken);
    for (const alg of ['none', 'None', 'NONE']) {
      const token = `${b64url(JSON.stringify({ alg, typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}.`;
      await assertRejected(`alg ${alg}`, bearer(token));
    }
  });

  it('refuses HS256 signed with the public key as the HMAC secret (key confusion)', async () => {
    const { payload } = decode(aliceTokens.accessToken);
    const jwks = await fetch(`${requiredEnv('TEST_COGNITO_ENDPOINT')}/${requiredEnv('TEST_USER_POOL_ID')}/.well-known/jwks.json`);
    const secret = await jwks.text();
    const input = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'CognitoLocal' }))}.${b64url(JSON.stringify(payload))}`;
    const token = `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
    await assertRejected('HS256 with the public key', bearer(token));
  });

  it("refuses a payload changed to another user's sub, keeping the signature", async () => {
    const { header, payload, signature } = decode(aliceTokens.accessToken);
    const bobSub = decode(bobTokens.accessToken).payload.sub;
    assert.notEqual(bobSub, payload.sub);
    const token = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify({ ...payload, sub: bobSub, username: bobSub }))}.${signature}`;
    await assertRejected('swapped sub', bearer(token));
  });

  it('refuses the id token used as an access token', async () => {
    await assertRejected('id token', bearer(aliceTokens.idToken));
  });

  it('refuses a token signed with a freshly generated RSA key that claims the emulator kid', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const { header, payload } = decode(aliceTokens.accessToken);
    assert.equal(header.kid, 'CognitoLocal');
    await assertRejected('foreign key', bearer(signRs256({ alg: 'RS256', typ: 'JWT', kid: 'CognitoLocal' }, payload, privateKey)));
    await assertRejected('foreign key, unknown kid', bearer(signRs256({ alg: 'RS256', typ: 'JWT', kid: 'attacker' }, payload, privateKey)));
  });

  it('refuses an access token issued to another app client of the same pool', async () => {
    const created = await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: requiredEnv('TEST_USER_POOL_ID'),
        ClientName: `other-app-${Date.now()}`,
        GenerateSecret: false,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    const otherClientId = created.UserPoolClient?.ClientId;
    assert.ok(otherClientId);
    const auth = await cognito.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: otherClientId,
        AuthParameters: { USERNAME: alice.email, PASSWORD: alice.password },
      }),
    );
    const foreign = auth.AuthenticationResult?.AccessToken;
    assert.ok(foreign);
    assert.equal(decode(foreign).payload.client_id, otherClientId);
    assert.equal(decode(foreign).payload.sub, decode(aliceTokens.accessToken).payload.sub, 'same person, other client');
    await assertRejected('other app client', bearer(foreign));

    const refresh = auth.AuthenticationResult?.RefreshToken;
    assert.ok(refresh);
    const exchanged = await new Session().request('/api/auth/token', { json: { refreshToken: refresh } });
    if (exchanged.status === 200) {
      // Cognito refuses another client's refresh token; if the emulator does not, the result must still be our client's.
      assert.equal(decode((exchanged.body as Tokens).accessToken).payload.client_id, requiredEnv('TEST_CLIENT_ID'));
    } else {
      assert.equal(exchanged.status, 401, exchanged.text);
    }
  });

  /** Tokens signed with the emulator's real key, right in every claim but the one changed here. */
  const mintedCases: [string, (now: number) => Record<string, unknown>][] = [
    ['expired an hour ago', (now) => ({ iat: now - 7200, exp: now - 3600 })],
    ['expired a minute ago', (now) => ({ iat: now - 3600, exp: now - 60 })],
    ['without exp (a token that never expires)', () => ({ exp: undefined })],
    ['from another issuer', () => ({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_evil' })],
    ['without iss', () => ({ iss: undefined })],
    ['with token_use id', () => ({ token_use: 'id' })],
    ['without token_use', () => ({ token_use: undefined })],
    ['for another client_id', () => ({ client_id: 'some-other-client' })],
    ['without client_id', () => ({ client_id: undefined })],
    ['with an empty sub', () => ({ sub: '' })],
    ['without sub', () => ({ sub: undefined })],
  ];
  for (const [label, changes] of mintedCases) {
    it(`refuses a validly signed token ${label}`, async () => {
      const { header, payload } = decode(aliceTokens.accessToken);
      const now = Math.floor(Date.now() / 1000);
      const claims: Record<string, unknown> = { ...payload, iat: now, exp: now + 600, ...changes(now) };
      for (const [key, value] of Object.entries(claims)) if (value === undefined) delete claims[key];
      await assertRejected(label, bearer(signRs256(header, claims, signingKey)));
    });
  }

  it('refuses an expired-looking token re-signed with a foreign key, and the same claims just tampered', async () => {
    const { header, payload, signature } = decode(aliceTokens.accessToken);
    const now = Math.floor(Date.now() / 1000);
    const expired = { ...payload, iat: now - 7200, exp: now - 3600 };
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await assertRejected('expired, foreign key', bearer(signRs256(header, expired, privateKey)));
    await assertRejected('expired, tampered', bearer(`${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(expired))}.${signature}`));
  });

  it('a Bearer header wins over a valid session cookie: a bad Bearer is 401 even with a good cookie', async () => {
    const cookieUser = await createUser();
    assert.equal((await me({}, cookieUser.session)).status, 200);
    await assertRejected('bad bearer + good cookie', bearer('garbage'), cookieUser.session);
  });

  it('the token endpoint refuses a garbage refresh token with 401', async () => {
    const response = await new Session().request('/api/auth/token', { json: { refreshToken: 'not-a-refresh-token' } });
    assert.equal(response.status, 401, response.text);
    assert.ok(isProblem(response));
    assert.ok(response.headers.get('www-authenticate'));
  });
});
