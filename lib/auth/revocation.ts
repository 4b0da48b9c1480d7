import 'server-only';
import { BatchGetCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '../aws/dynamodb';
import { env } from '../env';
import { UnauthorizedError } from '../errors';
import { announceSessionEnd } from '../live/announce';

/**
 * Sessions that end for real (SPEC §6.4). Cognito revokes refresh tokens, but an access token it
 * issued stays a valid JWT until it expires; these records make every server process refuse it on the
 * next request. Per person: `VALID_AFTER`, the moment before which none of their tokens counts (sign-out
 * everywhere, a password change or reset, account deletion), and `DENY#<id>` for one signed-out token
 * (its `jti`, and its refresh token's `origin_jti` where Cognito sets one), kept until it would have
 * expired. JWT times are whole seconds, so a token of the very second of `VALID_AFTER` counts only if the
 * app vouched for it when it signed the person in after that moment (`ALLOW#<jti>`). A process
 * remembers an answer for at most CACHE_MS.
 */

export type TokenIdentity = { readonly sub: string; readonly jti: string | null; readonly originJti: string | null; readonly issuedAt: number; readonly expiresAt: number };

const CACHE_MS = 2000;
const MAX_CACHED = 10_000;
/** Longer than any access token lives (60 min): after that the JWT fails on its own. */
const VALID_AFTER_KEPT_SECONDS = 2 * 60 * 60;
const VALID_AFTER = 'VALID_AFTER';
const deny = (id: string) => `DENY#${id}`;
const allow = (jti: string) => `ALLOW#${jti}`;

const table = () => env().SESSIONS_TABLE;

/**
 * One cache per process: Next loads this module once per route bundle, and a session ended through one
 * route must end at once for all of them, so the map lives on globalThis.
 */
const CACHE_KEY = Symbol.for('todoer.session-answers');
const store = globalThis as typeof globalThis & { [CACHE_KEY]?: Map<string, { live: boolean; until: number }> };
const answers = (store[CACHE_KEY] ??= new Map());

/** This process forgets what it knew of the person's sessions (the others within CACHE_MS). */
export function forgetSessionAnswers(userId: string): void {
  for (const key of answers.keys()) if (key.startsWith(`${userId}\n`)) answers.delete(key);
}

function remember(key: string, live: boolean): void {
  if (answers.size >= MAX_CACHED) answers.delete(answers.keys().next().value!);
  answers.set(key, { live, until: Date.now() + CACHE_MS });
}

/** Throws 401 when the token's session was ended; one consistent BatchGetItem, cached briefly. */
export async function assertSessionLive(token: TokenIdentity): Promise<void> {
  const ids = [token.jti, token.originJti].filter((id): id is string => id !== null);
  const key = `${token.sub}\n${ids.join('\n')}\n${token.issuedAt}`;
  const cached = answers.get(key);
  let live = cached && cached.until > Date.now() ? cached.live : undefined;
  if (live === undefined) {
    const { Responses } = await dynamodb().send(
      new BatchGetCommand({
        RequestItems: {
          [table()]: {
            Keys: [
              { user_id: token.sub, sk: VALID_AFTER },
              ...ids.map((id) => ({ user_id: token.sub, sk: deny(id) })),
              ...(token.jti ? [{ user_id: token.sub, sk: allow(token.jti) }] : []),
            ],
            ConsistentRead: true,
          },
        },
      }),
    );
    const items = Responses?.[table()] ?? [];
    const cutoff = Math.floor(Number(items.find((item) => item.sk === VALID_AFTER)?.valid_after_ms ?? 0) / 1000);
    const vouched = items.some((item) => String(item.sk).startsWith('ALLOW#'));
    const denied = items.some((item) => String(item.sk).startsWith('DENY#'));
    live = !denied && (token.issuedAt > cutoff || (token.issuedAt === cutoff && vouched));
    remember(key, live);
  }
  if (!live) throw new UnauthorizedError('This session has ended. Sign in again.');
}

type FreshClaims = { sub?: unknown; jti?: unknown; origin_jti?: unknown; iat?: unknown; exp?: unknown };

/**
 * The claims of a token Cognito has just issued to us, unverified: it came straight from Cognito over
 * TLS, so there is nothing to check it against.
 */
export function claimsOfFreshToken(accessToken: string): FreshClaims {
  return JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as FreshClaims;
}

/** What a fresh token says about its session, or null when it lacks a subject. */
export function identityOfFreshToken(accessToken: string): TokenIdentity | null {
  const claims = claimsOfFreshToken(accessToken);
  if (typeof claims.sub !== 'string') return null;
  const issuedAt = typeof claims.iat === 'number' ? claims.iat : 0;
  return {
    sub: claims.sub,
    jti: typeof claims.jti === 'string' ? claims.jti : null,
    originJti: typeof claims.origin_jti === 'string' ? claims.origin_jti : null,
    issuedAt,
    expiresAt: typeof claims.exp === 'number' ? claims.exp : issuedAt + VALID_AFTER_KEPT_SECONDS,
  };
}

/**
 * Vouches for an access token Cognito has just issued to us for a new sign-in: if every session was
 * ended within the same second, this one, minted after that, still counts. Nothing to do otherwise.
 */
export async function vouchForNewSession(accessToken: string): Promise<void> {
  const claims = claimsOfFreshToken(accessToken);
  if (typeof claims.sub !== 'string' || typeof claims.jti !== 'string' || typeof claims.iat !== 'number') return;
  const { Item } = await dynamodb().send(new GetCommand({ TableName: table(), Key: { user_id: claims.sub, sk: VALID_AFTER }, ConsistentRead: true }));
  if (Math.floor(Number(Item?.valid_after_ms ?? 0) / 1000) !== claims.iat) return;
  await dynamodb().send(
    new PutCommand({
      TableName: table(),
      Item: { user_id: claims.sub, sk: allow(claims.jti), expires_at: typeof claims.exp === 'number' ? claims.exp : claims.iat + VALID_AFTER_KEPT_SECONDS },
    }),
  );
  forgetSessionAnswers(claims.sub);
}

/** Ends one session: this token (and what its refresh token issued) fails from now on. */
export async function endSession(token: TokenIdentity): Promise<void> {
  const ids = [token.jti, token.originJti].filter((id): id is string => id !== null);
  await Promise.all(ids.map((id) => denyToken(token.sub, id, token.expiresAt)));
  forgetSessionAnswers(token.sub);
  await announceSessionEnd(token.sub);
}

/**
 * Ends a session of the person by its id (the `origin_jti` of its tokens), from another device: every
 * access token it issued fails, and so does every refresh of it (lib/auth/service.ts checks the tokens a
 * refresh gets), until `expiresAt`, when its refresh token has expired anyway.
 */
export async function denySession(userId: string, sessionId: string, expiresAt: number): Promise<void> {
  await denyToken(userId, sessionId, expiresAt);
  forgetSessionAnswers(userId);
  await announceSessionEnd(userId);
}

function denyToken(userId: string, id: string, expiresAt: number) {
  return dynamodb().send(new PutCommand({ TableName: table(), Item: { user_id: userId, sk: deny(id), expires_at: expiresAt } }));
}

/** Ends every session of the person issued up to now (on every process, within CACHE_MS). */
export async function endAllSessions(userId: string, options: { readonly accountDeleted?: boolean } = {}): Promise<void> {
  const now = Date.now();
  await dynamodb().send(
    new PutCommand({
      TableName: table(),
      Item: {
        user_id: userId,
        sk: VALID_AFTER,
        valid_after_ms: now,
        ...(options.accountDeleted ? { account_deleted: true } : {}),
        expires_at: Math.floor(now / 1000) + VALID_AFTER_KEPT_SECONDS,
      },
    }),
  );
  forgetSessionAnswers(userId);
  await announceSessionEnd(userId);
}
