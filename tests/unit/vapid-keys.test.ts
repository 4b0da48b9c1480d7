import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { describe, it } from 'node:test';
import webpush from 'web-push';
import { vapidKeysOfPrivatePem, vapidPublicKeyOf, vapidPublicKeySetting } from '../../lib/reminders/vapid-keys';

/** A private key as a PEM from web-push's raw pair, through a JWK (x, y from the point, d the scalar). */
function pemOfRawKeys(keys: { publicKey: string; privateKey: string }, type: 'pkcs8' | 'sec1'): string {
  const point = Buffer.from(keys.publicKey, 'base64url');
  const jwk = { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url'), d: keys.privateKey };
  return createPrivateKey({ key: jwk, format: 'jwk' }).export({ type, format: 'pem' }) as string;
}

/** web-push signs its VAPID JWT with the raw keys; the signature must verify with the PEM's own public key. */
function assertSignsFor(raw: { publicKey: string; privateKey: string }, publicKey: KeyObject): void {
  const { Authorization } = webpush.getVapidHeaders('https://push.example.com', 'mailto:test@todoer.dev', raw.publicKey, raw.privateKey, 'aes128gcm') as { Authorization: string };
  const [, jwt, k] = /^vapid t=([^,]+), k=(.+)$/.exec(Authorization)!;
  assert.equal(k, raw.publicKey);
  const [header, payload, signature] = jwt!.split('.');
  const valid = verify('sha256', Buffer.from(`${header}.${payload}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature!, 'base64url'));
  assert.ok(valid, 'the JWT signed with the raw private key verifies with the PEM public key');
}

describe('VAPID keys from PEM (as the infra makes them)', () => {
  for (const type of ['sec1', 'pkcs8'] as const) {
    it(`gives web-push's raw pair for a ${type} private key PEM, which signs for that key`, () => {
      for (let i = 0; i < 20; i += 1) {
        const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
        const raw = vapidKeysOfPrivatePem(pair.privateKey.export({ type, format: 'pem' }) as string);
        const jwk = pair.privateKey.export({ format: 'jwk' });
        // Fixed lengths whatever the leading bytes: 65-byte uncompressed point, 32-byte scalar.
        assert.equal(Buffer.from(raw.publicKey, 'base64url').length, 65);
        assert.equal(Buffer.from(raw.publicKey, 'base64url')[0], 0x04);
        assert.equal(Buffer.from(raw.privateKey, 'base64url').length, 32);
        assert.equal(raw.privateKey, jwk.d);
        assert.deepEqual(Buffer.from(raw.publicKey, 'base64url').subarray(1), Buffer.concat([Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]));
        assertSignsFor(raw, pair.publicKey);
      }
    });
  }

  it('gives the same raw public key from the public PEM, the private PEM and the raw key itself', () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const raw = vapidKeysOfPrivatePem(pair.privateKey.export({ type: 'sec1', format: 'pem' }) as string);
    assert.equal(vapidPublicKeyOf(pair.publicKey.export({ type: 'spki', format: 'pem' }) as string), raw.publicKey);
    assert.equal(vapidPublicKeyOf(`${pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string}\n`), raw.publicKey);
    assert.equal(vapidPublicKeyOf(raw.publicKey), raw.publicKey);
  });
});

describe("VAPID keys from web-push's generateVAPIDKeys", () => {
  it('come back unchanged through PEM, and sign for it', () => {
    for (let i = 0; i < 20; i += 1) {
      const keys = webpush.generateVAPIDKeys();
      for (const type of ['sec1', 'pkcs8'] as const) {
        const pem = pemOfRawKeys(keys, type);
        assert.deepEqual(vapidKeysOfPrivatePem(pem), keys);
        assert.equal(vapidPublicKeyOf(createPublicKey(pem).export({ type: 'spki', format: 'pem' }) as string), keys.publicKey);
        assertSignsFor(keys, createPublicKey(pem));
      }
      assert.equal(vapidPublicKeyOf(keys.publicKey), keys.publicKey);
    }
  });
});

describe('what is not a VAPID key', () => {
  const { publicKey } = webpush.generateVAPIDKeys();
  const point = Buffer.from(publicKey, 'base64url');

  it('refuses raw keys of the wrong length, prefix or encoding, and points off the curve', () => {
    const offCurve = Buffer.from(point);
    offCurve[64]! ^= 1;
    const compressed = Buffer.concat([Buffer.from([0x02 | (point[64]! & 1)]), point.subarray(1, 33)]);
    for (const bad of [point.subarray(0, 64).toString('base64url'), compressed.toString('base64url'), offCurve.toString('base64url'), point.toString('base64'), 'not a key']) {
      assert.throws(() => vapidPublicKeyOf(bad), Error, bad);
    }
  });

  it('refuses keys of another curve or algorithm', () => {
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    for (const pem of [p384, rsa]) {
      assert.throws(() => vapidKeysOfPrivatePem(pem), /P-256/);
      assert.throws(() => vapidPublicKeyOf(pem), /P-256/);
    }
  });

  it('as a setting: parses PEM to raw, names a bad key', () => {
    const pem = pemOfRawKeys(webpush.generateVAPIDKeys(), 'sec1');
    assert.equal(vapidPublicKeySetting.parse(pem), vapidPublicKeyOf(pem));
    const result = vapidPublicKeySetting.safeParse('resolved-at-apply');
    assert.ok(!result.success);
    assert.match(result.error.issues[0]!.message, /^is not a VAPID public key/);
  });
});
