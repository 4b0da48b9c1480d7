import { createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/**
 * VAPID keys in the two forms they come in: PEM (the infra's TLS provider makes them so, in the cloud)
 * and the raw base64url that web-push and the browser's `applicationServerKey` take: the public key as
 * the 65-byte uncompressed P-256 point, the private key as its 32-byte scalar (what
 * `web-push generate-vapid-keys` prints). Plain node:crypto and no server-only import: the app and the
 * reminder Lambda's bundle both convert through here.
 */

export type RawVapidKeys = { readonly publicKey: string; readonly privateKey: string };

/** SEC 1's prefix of an uncompressed point: 0x04, then x and y. */
const UNCOMPRESSED_POINT = 0x04;
const COORDINATE_BYTES = 32;
const RAW_PUBLIC_KEY_BYTES = 1 + 2 * COORDINATE_BYTES;

const isPem = (text: string) => text.startsWith('-----BEGIN ');

type P256Jwk = JsonWebKey & { readonly x: string; readonly y: string };

function p256Jwk(key: KeyObject): P256Jwk {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) throw new Error('a VAPID key must be an EC key on the P-256 curve');
  return jwk as P256Jwk;
}

/** Node's JWK export writes each coordinate at the curve's full 32 bytes (RFC 7518 §6.2.1.2), so the point is always 65. */
function rawPoint(jwk: P256Jwk): string {
  return Buffer.concat([Buffer.from([UNCOMPRESSED_POINT]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]).toString('base64url');
}

/** A raw public key, checked: canonical base64url of 65 bytes that is a point on P-256 (importing it refuses any other). */
function checkedRawPublicKey(raw: string): string {
  const bytes = Buffer.from(raw, 'base64url');
  if (bytes.length !== RAW_PUBLIC_KEY_BYTES || bytes[0] !== UNCOMPRESSED_POINT || bytes.toString('base64url') !== raw) {
    throw new Error('a raw VAPID public key must be the base64url of a 65-byte uncompressed P-256 point');
  }
  const x = bytes.subarray(1, 1 + COORDINATE_BYTES).toString('base64url');
  const y = bytes.subarray(1 + COORDINATE_BYTES).toString('base64url');
  createPublicKey({ key: { kty: 'EC', crv: 'P-256', x, y }, format: 'jwk' });
  return raw;
}

/** The raw public key of a PEM (public, or private: its public half) or of a raw key, which is checked and kept. */
export function vapidPublicKeyOf(key: string): string {
  const text = key.trim();
  return isPem(text) ? rawPoint(p256Jwk(createPublicKey(text))) : checkedRawPublicKey(text);
}

/** Both raw keys of a private key PEM (SEC 1 or PKCS #8), as web-push signs with them. */
export function vapidKeysOfPrivatePem(pem: string): RawVapidKeys {
  const jwk = p256Jwk(createPrivateKey(pem.trim()));
  if (!jwk.d) throw new Error('the VAPID private key PEM holds no private key');
  return { publicKey: rawPoint(jwk), privateKey: jwk.d };
}

/** A setting that holds a VAPID public key as PEM or raw; parsed to the raw form, a bad key names itself. */
export const vapidPublicKeySetting = z.string().transform((value, context) => {
  try {
    return vapidPublicKeyOf(value);
  } catch (error) {
    context.addIssue({ code: 'custom', message: `is not a VAPID public key (${error instanceof Error ? error.message : String(error)})` });
    return z.NEVER;
  }
});
