import 'server-only';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { UnauthorizedError } from '../errors';
import { cookieNames } from './cookies';
import { loadProfile, type PublicUser } from './service';
import { verifyAccessToken } from './tokens';

export type AuthenticatedUser = {
  readonly id: string;
  readonly accessToken: string;
  /** The session the token belongs to (its `origin_jti`), kept across refreshes; null if Cognito set none. */
  readonly sessionId: string | null;
};

/** The token of a request: a Bearer header for API clients, else the httpOnly session cookie. */
export function accessTokenOf(request: Request, cookieValue: (name: string) => string | undefined): string | undefined {
  const authorization = request.headers.get('authorization');
  if (authorization !== null) {
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization);
    if (!match?.[1]) throw new UnauthorizedError('The Authorization header must be "Bearer <access token>".');
    return match[1];
  }
  return cookieValue(cookieNames().access);
}

/** The verified caller of an API request; every data access is keyed by the returned id (the token's sub). */
export async function requireUser(request: Request & { cookies?: { get(name: string): { value: string } | undefined } }): Promise<AuthenticatedUser> {
  const token = accessTokenOf(request, (name) => request.cookies?.get(name)?.value);
  if (!token) throw new UnauthorizedError();
  const verified = await verifyAccessToken(token);
  return { id: verified.sub, accessToken: token, sessionId: verified.originJti };
}

/**
 * The signed-in person for server components, or null. Never throws for a missing or bad session.
 * Cached per request: the layout and the page both ask, Cognito is called once.
 */
export const getCurrentUser = cache(async (): Promise<PublicUser | null> => {
  const token = (await cookies()).get(cookieNames().access)?.value;
  if (!token) return null;
  try {
    const verified = await verifyAccessToken(token);
    return await loadProfile(token, verified.sub);
  } catch (error) {
    if (error instanceof UnauthorizedError) return null;
    throw error;
  }
});

/** The one address every request counts under when no proxy is trusted (local mode). */
export const UNTRUSTED_ADDRESS = 'local';

/**
 * The address to throttle by. Each trusted proxy appends the address it was reached from, so the
 * client is the entry the outermost of the `trustedProxyHops` proxies wrote (CloudFront → ALB: 2).
 * With no proxy (0, local mode) nothing in the request can be trusted: Next's server writes the socket
 * address into X-Forwarded-For only when the request has none (`??=` in next/dist/server/base-server.js),
 * so a client that sends the header picks its own address. Every request then counts under one
 * address; the per-email and per-(email, address) limits still hold.
 */
export function clientIp(request: Request, trustedProxyHops: number): string {
  if (trustedProxyHops === 0) return UNTRUSTED_ADDRESS;
  const forwarded = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return forwarded[Math.max(0, forwarded.length - trustedProxyHops)] ?? 'unknown';
}
