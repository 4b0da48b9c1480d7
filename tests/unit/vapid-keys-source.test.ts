/**
 * Where the reminder consumer's VAPID keys come from: the secret in the cloud, read with the real
 * Secrets Manager client over HTTP from a local stand-in (no npm emulator has Secrets Manager), which
 * answers GetSecretValue as the service does (JSON 1.1) or fails as it can.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it, mock } from 'node:test';
import webpush from 'web-push';
import { vapidKeysOfPrivatePem } from '../../lib/reminders/vapid-keys';
import { parseReminderEnv } from '../../worker/config';
import { vapidKeysSource } from '../../worker/vapid-keys-source';

process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:todoer-dev/web-push-private-key-AbCdEf';
const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }) as string;

type Answer = { status: number; body: Record<string, unknown> };
const served: { target: string | undefined; body: Record<string, unknown> }[] = [];
let answers: Answer[] = [];
const found: Answer = { status: 200, body: { ARN: SECRET_ARN, Name: 'todoer-dev/web-push-private-key', VersionId: 'v1', SecretString: pem, VersionStages: ['AWSCURRENT'] } };
const denied: Answer = { status: 400, body: { __type: 'AccessDeniedException', message: 'not authorized to perform: secretsmanager:GetSecretValue' } };

const secretsManager = createServer((request, response) => {
  let text = '';
  request.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  request.on('end', () => {
    served.push({ target: request.headers['x-amz-target'] as string | undefined, body: JSON.parse(text) as Record<string, unknown> });
    const answer = answers.shift() ?? found;
    response.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'test' }).end(JSON.stringify(answer.body));
  });
});
before(() => new Promise<void>((resolve) => secretsManager.listen(0, '127.0.0.1', resolve)));
after(() => new Promise<void>((resolve) => secretsManager.close(() => resolve())));
beforeEach(() => {
  served.length = 0;
  answers = [];
});

const base = { AWS_REGION: 'us-east-1', APP_URL: 'https://todoer.example' };
const cloudConfig = () =>
  parseReminderEnv({ ...base, VAPID_PRIVATE_KEY_SECRET_ARN: SECRET_ARN, AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${(secretsManager.address() as AddressInfo).port}` });

describe('the VAPID keys in the cloud: the secret', () => {
  it('reads the private key PEM once per cold start, and derives both raw keys from it', async () => {
    const source = vapidKeysSource(cloudConfig());
    const first = await source();
    assert.deepEqual(first, { ...vapidKeysOfPrivatePem(pem), subject: 'mailto:no-reply@todoer.dev' });
    assert.deepEqual(await source(), first);
    assert.deepEqual(await source(), first);
    assert.deepEqual(served, [{ target: 'secretsmanager.GetSecretValue', body: { SecretId: SECRET_ARN } }]);
  });

  it('logs a failed read and has no keys for that run; the next run reads again', async (context) => {
    const errors = mock.method(console, 'error', () => undefined);
    context.after(() => errors.mock.restore());
    answers = [denied, { status: 200, body: { ...found.body, SecretString: 'not a key' } }];
    const source = vapidKeysSource(cloudConfig());
    assert.equal(await source(), null);
    assert.equal(await source(), null, 'a secret that is no key is no key');
    const logged = errors.mock.calls.map((call) => JSON.parse(String(call.arguments[0])) as Record<string, unknown>);
    assert.deepEqual(logged.map((line) => [line.level, line.event, line.secret]), [
      ['error', 'web-push-key-unreadable', SECRET_ARN],
      ['error', 'web-push-key-unreadable', SECRET_ARN],
    ]);
    assert.match(String(logged[0]!.error), /not authorized/);
    assert.ok(!JSON.stringify(logged).includes('PRIVATE KEY'), 'the secret is never logged');
    assert.deepEqual(await source(), { ...vapidKeysOfPrivatePem(pem), subject: 'mailto:no-reply@todoer.dev' });
    assert.equal(served.length, 3);
  });
});

describe('the VAPID keys locally: the environment', () => {
  it('are the raw keys of the environment when no secret is named, and none without them', async () => {
    const keys = webpush.generateVAPIDKeys();
    const local = vapidKeysSource(parseReminderEnv({ ...base, VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey, VAPID_SUBJECT: 'mailto:me@todoer.dev' }));
    assert.deepEqual(await local(), { ...keys, subject: 'mailto:me@todoer.dev' });
    assert.equal(await vapidKeysSource(parseReminderEnv(base))(), null);
    assert.equal(served.length, 0);
  });

  it('refuses a public key that is not one, and a secret setting that is no Secrets Manager ARN', () => {
    assert.throws(() => parseReminderEnv({ ...base, VAPID_PUBLIC_KEY: 'x'.repeat(87) }), /VAPID_PUBLIC_KEY is not a VAPID public key/);
    assert.throws(() => parseReminderEnv({ ...base, VAPID_PRIVATE_KEY_SECRET_ARN: 'todoer-dev/web-push-private-key' }), /VAPID_PRIVATE_KEY_SECRET_ARN must be a Secrets Manager secret ARN/);
  });
});
