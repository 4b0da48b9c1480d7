import assert from 'node:assert/strict';
import { createVerify, generateKeyPairSync } from 'node:crypto';
import { before, describe, it } from 'node:test';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const CLOUDFRONT_URL = 'https://d1234abcd.cloudfront.net';

/** CloudFront's URL-safe base64: + → -, = → _, / → ~. */
const fromCloudFrontBase64 = (value: string) => Buffer.from(value.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');

describe('signedViewUrl with CloudFront configured', () => {
  let signedViewUrl: (key: string, contentType: string, fileName: string) => Promise<string>;
  before(async () => {
    Object.assign(process.env, {
      APP_MODE: 'local',
      COGNITO_USER_POOL_ID: 'us-east-1_Test123',
      COGNITO_CLIENT_ID: 'client',
      CLOUDFRONT_URL,
      CLOUDFRONT_KEY_PAIR_ID: 'K2JCJMDEHXQW5F',
      CLOUDFRONT_PRIVATE_KEY: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    });
    ({ signedViewUrl } = await import('../../lib/attachments/sign-url'));
  });

  it('signs a CloudFront URL for the object key that expires within five minutes', async () => {
    const key = 'users/abc/tasks/t1/a1';
    const url = new URL(await signedViewUrl(key, 'image/jpeg', 'rex.jpg'));
    assert.equal(`${url.origin}${url.pathname}`, `${CLOUDFRONT_URL}/${key}`);
    assert.equal(url.searchParams.get('Key-Pair-Id'), 'K2JCJMDEHXQW5F');
    const expires = Number(url.searchParams.get('Expires'));
    const inSeconds = expires - Date.now() / 1000;
    assert.ok(inSeconds > 0 && inSeconds <= 300, `expires in ${inSeconds} s`);
    // The canned policy CloudFront checks, signed with the configured key.
    const policy = JSON.stringify({ Statement: [{ Resource: `${CLOUDFRONT_URL}/${key}`, Condition: { DateLessThan: { 'AWS:EpochTime': expires } } }] });
    const verifier = createVerify('RSA-SHA1').update(policy);
    assert.ok(verifier.verify(publicKey, fromCloudFrontBase64(url.searchParams.get('Signature') ?? '')), 'the signature verifies');
  });
});
