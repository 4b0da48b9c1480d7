import 'server-only';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '../aws/dynamodb';
import { env } from '../env';

/**
 * One item per account in the lists table (pk U#{userId}, sk UPLOADS; docs/data-model.md) holding
 * its pending uploads, so the per-account quota is one conditional write, not a count over tasks:
 * - pending: attachment id → when it was created (epoch ms). size(pending) is the count.
 * - completing: attachment id → until when one `complete` holds it (epoch ms), so parallel completes
 *   copy, label and publish once.
 * Every write is safe to retry (setting or removing the same entry twice is the same). An entry a
 * crash left behind stops counting once its upload is abandoned, and is pruned when the quota is hit.
 */

const table = () => env().LISTS_TABLE;
const keyOf = (userId: string) => ({ pk: `U#${userId}`, sk: 'UPLOADS' });

type PendingItem = { pending?: Record<string, number>; completing?: Record<string, number> };

/** One conditional update of the account's item; false when its condition did not hold. */
async function updateIf(userId: string, update: Omit<UpdateCommandInput, 'TableName' | 'Key'>): Promise<boolean> {
  try {
    await dynamodb().send(new UpdateCommand({ TableName: table(), Key: keyOf(userId), ...update }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Makes sure both maps exist: a nested SET needs its parent map, and size() of a missing one is false. */
async function ensureItem(userId: string): Promise<void> {
  await updateIf(userId, {
    UpdateExpression: 'SET pending = if_not_exists(pending, :empty), completing = if_not_exists(completing, :empty)',
    ExpressionAttributeValues: { ':empty': {} },
  });
}

function tryReserve(userId: string, attachmentId: string, now: number, max: number): Promise<boolean> {
  return updateIf(userId, {
    UpdateExpression: 'SET pending.#id = if_not_exists(pending.#id, :now)',
    // A retried write finds its own entry already counted.
    ConditionExpression: 'attribute_exists(pending.#id) OR size(pending) < :max',
    ExpressionAttributeNames: { '#id': attachmentId },
    ExpressionAttributeValues: { ':now': now, ':max': max },
  });
}

/** Removes entries created before `cutoff` (uploads abandoned, or left by a crash). */
async function pruneOlderThan(userId: string, cutoff: number): Promise<void> {
  const { Item } = await dynamodb().send(new GetCommand({ TableName: table(), Key: keyOf(userId), ConsistentRead: true }));
  const stale = Object.entries((Item as PendingItem | undefined)?.pending ?? {}).filter(([, createdAt]) => createdAt < cutoff).map(([id]) => id);
  if (stale.length === 0) return;
  const names = Object.fromEntries(stale.map((id, index) => [`#s${index}`, id]));
  await updateIf(userId, {
    UpdateExpression: `REMOVE ${Object.keys(names).flatMap((name) => [`pending.${name}`, `completing.${name}`]).join(', ')}`,
    ExpressionAttributeNames: names,
  });
}

/**
 * Counts one more pending upload if the account has fewer than `max` (entries created before
 * `abandonedBefore` no longer count); false when it has `max` already.
 */
export async function reservePendingUpload(userId: string, attachmentId: string, max: number, now: number, abandonedBefore: number): Promise<boolean> {
  if (await tryReserve(userId, attachmentId, now, max)) return true;
  // Refused: the account's first upload (no item yet), or full, perhaps of abandoned entries.
  await ensureItem(userId);
  await pruneOlderThan(userId, abandonedBefore);
  return tryReserve(userId, attachmentId, now, max);
}

/** The upload is no longer pending (completed, rejected or deleted); nothing to do if it was not counted. */
export async function releasePendingUpload(userId: string, attachmentId: string): Promise<void> {
  await updateIf(userId, {
    UpdateExpression: 'REMOVE pending.#id, completing.#id',
    ConditionExpression: 'attribute_exists(pending) AND attribute_exists(completing)',
    ExpressionAttributeNames: { '#id': attachmentId },
  });
}

/**
 * Takes the completion of one pending upload until `leaseUntil`; false when another `complete` holds
 * it, or it is not pending any more. A holder that died loses it once the lease has passed.
 */
export function claimCompletion(userId: string, attachmentId: string, now: number, leaseUntil: number): Promise<boolean> {
  return updateIf(userId, {
    UpdateExpression: 'SET completing.#id = :until',
    ConditionExpression: 'attribute_exists(pending.#id) AND (attribute_not_exists(completing.#id) OR completing.#id < :now)',
    ExpressionAttributeNames: { '#id': attachmentId },
    ExpressionAttributeValues: { ':until': leaseUntil, ':now': now },
  });
}

/** Gives a claim back while the upload stays pending (e.g. nothing was uploaded yet). */
export async function releaseCompletion(userId: string, attachmentId: string): Promise<void> {
  await updateIf(userId, {
    UpdateExpression: 'REMOVE completing.#id',
    ConditionExpression: 'attribute_exists(completing)',
    ExpressionAttributeNames: { '#id': attachmentId },
  });
}

/** Whether the upload still counts as pending (false once completed, rejected, deleted or pruned). */
export async function isPendingUpload(userId: string, attachmentId: string): Promise<boolean> {
  const { Item } = await dynamodb().send(
    new GetCommand({ TableName: table(), Key: keyOf(userId), ProjectionExpression: 'pending.#id', ExpressionAttributeNames: { '#id': attachmentId }, ConsistentRead: true }),
  );
  return (Item as PendingItem | undefined)?.pending?.[attachmentId] !== undefined;
}

/** Account deletion. */
export async function deletePendingUploads(userId: string): Promise<void> {
  await dynamodb().send(new DeleteCommand({ TableName: table(), Key: keyOf(userId) }));
}
