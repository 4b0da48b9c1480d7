import 'server-only';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type QueryCommandInput, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { deleteKeys } from '../aws/batch-delete';
import { dynamodb } from '../aws/dynamodb';
import { env } from '../env';
import { NotFoundError } from '../errors';
import { REFRESH_TOKEN_MAX_AGE_SECONDS } from './cookies';
import { describeDevice } from './device';
import { denySession, identityOfFreshToken } from './revocation';

/**
 * The person's active sessions, for the account page (docs/data-model.md, `sessions` table): one
 * `SESSION#<id>` item per sign-in, keyed by the `origin_jti` every access token of that sign-in carries
 * (refreshes keep it), with when it started, when it was last refreshed and the device it started on.
 * It expires with its refresh token. Ending one denies its id (lib/auth/revocation.ts), so its access
 * tokens and its refreshes fail on every process.
 */

export type ActiveSession = { readonly id: string; readonly device: string; readonly createdAt: string; readonly lastSeenAt: string };

const PREFIX = 'SESSION#';
/** Refreshes (every tab, every hour) write last-seen at most this often. */
const LAST_SEEN_EVERY_MS = 5 * 60 * 1000;
/** More than anyone signs in within a refresh token's lifetime; a page of them is what the list shows. */
const MAX_LISTED = 100;

const table = () => env().SESSIONS_TABLE;
const key = (userId: string, sessionId: string) => ({ user_id: userId, sk: `${PREFIX}${sessionId}` });
const expiry = (now: number) => Math.floor(now / 1000) + REFRESH_TOKEN_MAX_AGE_SECONDS;

/** Records the session a sign-in has just started (nothing for a token without a session id). */
export async function recordSessionStart(accessToken: string, userAgent: string | null): Promise<void> {
  const identity = identityOfFreshToken(accessToken);
  if (!identity?.originJti) return;
  const now = Date.now();
  const at = new Date(now).toISOString();
  // A retried Put writes the same item again: safe.
  await dynamodb().send(
    new PutCommand({
      TableName: table(),
      Item: { ...key(identity.sub, identity.originJti), device: describeDevice(userAgent), created_at: at, last_seen_at: at, expires_at: expiry(now) },
    }),
  );
}

/**
 * Marks the session of a token a refresh has just issued as seen, at most every LAST_SEEN_EVERY_MS
 * (the condition does the throttling, so it holds across processes). A session signed in before
 * sessions were recorded gets its record here.
 */
export async function touchSession(accessToken: string, userAgent: string | null): Promise<void> {
  const identity = identityOfFreshToken(accessToken);
  if (!identity?.originJti) return;
  const now = Date.now();
  try {
    await dynamodb().send(
      new UpdateCommand({
        TableName: table(),
        Key: key(identity.sub, identity.originJti),
        UpdateExpression: 'SET last_seen_at = :now, created_at = if_not_exists(created_at, :now), device = if_not_exists(device, :device), expires_at = if_not_exists(expires_at, :expires)',
        ConditionExpression: 'attribute_not_exists(last_seen_at) OR last_seen_at < :stale',
        ExpressionAttributeValues: {
          ':now': new Date(now).toISOString(),
          ':stale': new Date(now - LAST_SEEN_EVERY_MS).toISOString(),
          ':device': describeDevice(userAgent),
          ':expires': expiry(now),
        },
      }),
    );
  } catch (error) {
    // Seen recently (or our own retried first attempt landed): nothing to write.
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

function toSession(item: Record<string, unknown>): ActiveSession {
  return {
    id: String(item.sk).slice(PREFIX.length),
    device: String(item.device ?? ''),
    createdAt: String(item.created_at),
    lastSeenAt: String(item.last_seen_at ?? item.created_at),
  };
}

const isLive = (item: Record<string, unknown>, nowSeconds: number) => Number(item.expires_at ?? 0) > nowSeconds;

/** One page of the person's SESSION# items (never the rest of their partition). */
function querySessions(userId: string, options: Partial<QueryCommandInput>): Promise<QueryCommandOutput> {
  return dynamodb().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'user_id = :user AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':user': userId, ':prefix': PREFIX },
      ConsistentRead: true,
      ...options,
    }),
  );
}

/** The person's sessions, most recently seen first: one Query on their partition's SESSION# items. */
export async function listSessions(userId: string): Promise<ActiveSession[]> {
  const { Items = [] } = await querySessions(userId, { Limit: MAX_LISTED });
  // DynamoDB deletes expired items some time after they expire; until then they are not shown.
  const nowSeconds = Math.floor(Date.now() / 1000);
  return Items.filter((item) => isLive(item, nowSeconds))
    .map(toSession)
    .sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt));
}

/**
 * Ends one of the person's sessions: 404 when they have no such session (another person's id is
 * looked up in the caller's own partition, so it is simply not there). Deny first, then forget: a
 * failure in between leaves the session listed, and ending it again finishes the job.
 */
export async function endSessionById(userId: string, sessionId: string): Promise<void> {
  const { Item } = await dynamodb().send(new GetCommand({ TableName: table(), Key: key(userId, sessionId), ConsistentRead: true }));
  if (!Item || !isLive(Item, Math.floor(Date.now() / 1000))) throw new NotFoundError('There is no such session.');
  await denySession(userId, sessionId, Number(Item.expires_at));
  await forgetSession(userId, sessionId);
}

/** Drops a session's record once it has been ended some other way (sign-out). */
export async function forgetSession(userId: string, sessionId: string): Promise<void> {
  await dynamodb().send(new DeleteCommand({ TableName: table(), Key: key(userId, sessionId) }));
}

/** Drops every session record of the person (sign-out everywhere, a password change or reset, deletion). */
export async function forgetAllSessions(userId: string): Promise<void> {
  let startKey: QueryCommandOutput['LastEvaluatedKey'];
  do {
    const page = await querySessions(userId, { ProjectionExpression: 'user_id, sk', ExclusiveStartKey: startKey });
    await deleteKeys(table(), (page.Items ?? []).map((item) => ({ user_id: item.user_id, sk: item.sk })));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}
