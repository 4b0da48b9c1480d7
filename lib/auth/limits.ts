import 'server-only';
import { DynamoDB } from '@aws-sdk/client-dynamodb';
import { RateLimiterDynamo, RateLimiterRes } from 'rate-limiter-flexible';
import { mapUnavailable, sdkClientConfig } from '../aws/client-config';
import { env } from '../env';
import { TooManyRequestsError } from '../errors';
import { clientIp } from './session';

/**
 * Abuse limits shared by every server process (SPEC §6.4): counters in DynamoDB through
 * rate-limiter-flexible, so two ECS tasks count together and a deploy resets nothing.
 * - Sign-in failures, per (email, address) pair: the lockout an attacker causes stays on their address,
 *   never the owner's; plus a slower limit per email (spread guessing) and one per address.
 * - Requests that send email or check a code (sign-up, resend-code, forgot-password, confirm, reset), per
 *   email and per address: they cost email quota for everyone and would let codes be guessed.
 */

const THROTTLED = 'Too many attempts. Wait a little and try again.';
const MINUTE = 60;
const HOUR = 60 * MINUTE;

type Limiter = RateLimiterDynamo;

let limiters:
  | { pair: Limiter; account: Limiter; address: Limiter; emailSends: Limiter; addressSends: Limiter }
  | undefined;

function build() {
  const settings = env();
  // rate-limiter-flexible speaks to the aggregated DynamoDB client (getItem, updateItem, deleteItem).
  const storeClient = mapUnavailable(new DynamoDB(sdkClientConfig(settings.AWS_ENDPOINT_URL_DYNAMODB)), 'DynamoDB');
  const limiter = (name: string, points: number, duration: number) =>
    new RateLimiterDynamo({
      storeClient,
      tableName: settings.RATE_LIMITS_TABLE,
      // The table and its TTL (`expire`) come from lib/data/tables.ts, not from the library.
      tableCreated: true,
      ttlSet: true,
      keyPrefix: `${settings.RATE_LIMIT_PREFIX}:${name}`,
      points,
      duration,
    });
  return {
    pair: limiter('sign-in:pair', settings.SIGN_IN_MAX_FAILURES_PER_EMAIL, settings.SIGN_IN_LOCKOUT_SECONDS),
    account: limiter('sign-in:email', settings.SIGN_IN_MAX_FAILURES_PER_ACCOUNT, HOUR),
    address: limiter('sign-in:address', settings.SIGN_IN_MAX_FAILURES_PER_IP, settings.SIGN_IN_LOCKOUT_SECONDS),
    emailSends: limiter('auth:email', settings.AUTH_REQUESTS_PER_EMAIL_PER_HOUR, HOUR),
    addressSends: limiter('auth:address', settings.AUTH_REQUESTS_PER_IP_PER_HOUR, HOUR),
  };
}

const all = () => (limiters ??= build());

function tooMany(ms: number): TooManyRequestsError {
  return new TooManyRequestsError(THROTTLED, Math.max(1, Math.ceil(ms / 1000)));
}

/** Throws 429 when any of these counters is used up; otherwise counts nothing. */
async function assertRoom(checks: readonly [Limiter, string][]): Promise<void> {
  const states = await Promise.all(checks.map(([limiter, key]) => limiter.get(key)));
  const waits = states.flatMap((state, index) => (state && state.consumedPoints >= checks[index]![0].points ? [state.msBeforeNext] : []));
  if (waits.length > 0) throw tooMany(Math.max(...waits));
}

async function count(checks: readonly [Limiter, string][]): Promise<void> {
  await Promise.all(
    checks.map(([limiter, key]) =>
      limiter.consume(key).catch((rejection: unknown) => {
        // Used up is fine here (the next assertRoom answers 429); a store failure is not.
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
      }),
    ),
  );
}

const pairKey = (email: string, address: string) => `${email}|${address}`;

/** The address requests are counted by: the trusted proxy hop's (lib/auth/session.ts). */
export function callerAddress(request: Request): string {
  return clientIp(request, env().TRUSTED_PROXY_HOPS);
}

/** Before a sign-in: 429 when this email from this address, the email, or the address is locked. */
export function assertSignInAllowed(email: string, address: string): Promise<void> {
  const { pair, account, address: byAddress } = all();
  return assertRoom([[pair, pairKey(email, address)], [account, email], [byAddress, address]]);
}

export function recordSignInFailure(email: string, address: string): Promise<void> {
  const { pair, account, address: byAddress } = all();
  return count([[pair, pairKey(email, address)], [account, email], [byAddress, address]]);
}

/** The right password from this address clears its own lockout (not the slower per-email count). */
export async function recordSignInSuccess(email: string, address: string): Promise<void> {
  await all().pair.delete(pairKey(email, address));
}

/** Counts one request that sends an email or checks a code; 429 once the email or the address is used up. */
export async function consumeAuthRequest(email: string, address: string): Promise<void> {
  const { emailSends, addressSends } = all();
  const checks: [Limiter, string][] = [[emailSends, email], [addressSends, address]];
  const results = await Promise.allSettled(checks.map(([limiter, key]) => limiter.consume(key)));
  const rejected = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  const failure = rejected.find((reason) => !(reason instanceof RateLimiterRes));
  if (failure) throw failure;
  if (rejected.length > 0) throw tooMany(Math.max(...rejected.map((reason) => (reason as RateLimiterRes).msBeforeNext)));
}
