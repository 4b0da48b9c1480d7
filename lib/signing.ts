import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The one HMAC of everything the app hands out and takes back (list cursors, sync tokens): over the
 * owner, a purpose scope and the payload, so a value of another user or made for another purpose never
 * verifies. Plain code taking the secret as an argument, so tests can sign with the test stack's key.
 */

function mac(secret: string, userId: string, scope: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(`${userId}\n${scope}\n${payload}`).digest();
}

/** `<payload>.<signature>`, both base64url. */
export function sign(secret: string, userId: string, scope: string, payload: string): string {
  return `${payload}.${mac(secret, userId, scope, payload).toString('base64url')}`;
}

/** The payload of a value `sign` made with these arguments, or null for anything else. */
export function verified(secret: string, userId: string, scope: string, value: string): string | null {
  const [payload, signature, extra] = value.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = mac(secret, userId, scope, payload);
  const given = Buffer.from(signature, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected) ? payload : null;
}
