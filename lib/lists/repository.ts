import 'server-only';
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { deletePartition } from '../aws/batch-delete';
import { dynamodb } from '../aws/dynamodb';
import { LISTS_INDEX } from '../data/tables';
import { env } from '../env';
import { invitationSk, LIST_SK, listPk, memberSk, type InvitationItem, type ListItem, type MemberItem } from './items';
import { readListAndMember, type ListAndMember } from './membership-read';
import type { GrantableRole, InvitationStatus } from './schema';

export type { InvitationItem, ListItem, MemberItem } from './items';
export { invitationItem, listItem, memberItem } from './items';

/**
 * Owns every DynamoDB expression of the `lists` table (docs/data-model.md): one partition per list
 * (`L#<listId>`) holding the list item, one member item per member and the invitations.
 */

export class ListConflictError extends Error {}

const table = () => env().LISTS_TABLE;

/**
 * Writes the item unless one is there; false when one was. A retried PutItem whose first attempt landed
 * finds its own item (the same write id), which counts as written.
 */
async function putIfAbsent(item: Record<string, unknown>): Promise<boolean> {
  const writeId = randomUUID();
  try {
    await dynamodb().send(new PutCommand({ TableName: table(), Item: { ...item, write_id: writeId }, ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const { Item } = await dynamodb().send(
      new GetCommand({ TableName: table(), Key: { pk: item.pk, sk: item.sk }, ProjectionExpression: 'write_id', ConsistentRead: true }),
    );
    return Item?.write_id === writeId;
  }
}

/** Writes the list item unless it exists; false when it did (an idempotent create). */
export const insertList = (item: ListItem) => putIfAbsent(item);
/** Writes the member item unless that person is already a member; false when they were. */
export const insertMember = (item: MemberItem) => putIfAbsent(item);
export const insertInvitation = (item: InvitationItem) => putIfAbsent(item);

/** Rewrites a member item whole (filling in a profile the migration could not know). */
export async function replaceMember(item: MemberItem): Promise<void> {
  await dynamodb().send(new PutCommand({ TableName: table(), Item: item, ConditionExpression: 'attribute_exists(pk)' }));
}

/** The list and the caller's membership, read consistently in one round trip. */
export function findListAndMember(listId: string, userId: string): Promise<ListAndMember> {
  return readListAndMember({ client: dynamodb(), LISTS_TABLE: table() }, listId, userId);
}

export async function findList(listId: string): Promise<ListItem | null> {
  const { Item } = await dynamodb().send(new GetCommand({ TableName: table(), Key: { pk: listPk(listId), sk: LIST_SK }, ConsistentRead: true }));
  return (Item as ListItem | undefined) ?? null;
}

/** Every list item of the given ids (BatchGetItem, 100 keys a call), in no particular order. */
export async function findLists(listIds: readonly string[]): Promise<ListItem[]> {
  const found: ListItem[] = [];
  for (let i = 0; i < listIds.length; i += 100) {
    let keys: Record<string, unknown>[] = listIds.slice(i, i + 100).map((id) => ({ pk: listPk(id), sk: LIST_SK }));
    for (let attempt = 0; keys.length > 0 && attempt < 8; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
      const result = await dynamodb().send(new BatchGetCommand({ RequestItems: { [table()]: { Keys: keys } } }));
      found.push(...((result.Responses?.[table()] ?? []) as ListItem[]));
      keys = result.UnprocessedKeys?.[table()]?.Keys ?? [];
    }
  }
  return found;
}

async function queryAll(input: ConstructorParameters<typeof QueryCommand>[0]): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: QueryCommandOutput['LastEvaluatedKey'];
  do {
    const page = await dynamodb().send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** A person's memberships, in their sidebar order (bounded by the lists-per-account limit). */
export async function findMemberships(userId: string): Promise<MemberItem[]> {
  return (await queryAll({
    TableName: table(),
    IndexName: LISTS_INDEX.memberLists,
    KeyConditionExpression: 'member_id = :user',
    ExpressionAttributeValues: { ':user': userId },
  })) as MemberItem[];
}

export async function findMembers(listId: string): Promise<MemberItem[]> {
  return (await queryAll({
    TableName: table(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :member)',
    ExpressionAttributeValues: { ':pk': listPk(listId), ':member': 'M#' },
    ConsistentRead: true,
  })) as MemberItem[];
}

export async function findMember(listId: string, userId: string): Promise<MemberItem | null> {
  const { Item } = await dynamodb().send(new GetCommand({ TableName: table(), Key: { pk: listPk(listId), sk: memberSk(userId) }, ConsistentRead: true }));
  return (Item as MemberItem | undefined) ?? null;
}

export async function findListInvitations(listId: string): Promise<InvitationItem[]> {
  return (await queryAll({
    TableName: table(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :invitation)',
    ExpressionAttributeValues: { ':pk': listPk(listId), ':invitation': 'I#' },
    ConsistentRead: true,
  })) as InvitationItem[];
}

/** Invitations addressed to one (lower-cased) email, newest first. */
export async function findInvitationsFor(email: string): Promise<InvitationItem[]> {
  return (await queryAll({
    TableName: table(),
    IndexName: LISTS_INDEX.invitee,
    KeyConditionExpression: 'invitee_email = :email',
    ExpressionAttributeValues: { ':email': email },
    ScanIndexForward: false,
  })) as InvitationItem[];
}

/** Re-reads an invitation consistently (the index may lag behind a status change). */
export async function findInvitation(listId: string, invitationId: string): Promise<InvitationItem | null> {
  const { Item } = await dynamodb().send(
    new GetCommand({ TableName: table(), Key: { pk: listPk(listId), sk: invitationSk(invitationId) }, ConsistentRead: true }),
  );
  return (Item as InvitationItem | undefined) ?? null;
}

async function conditionalUpdate(input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>): Promise<Record<string, unknown>> {
  try {
    const { Attributes } = await dynamodb().send(new UpdateCommand({ ...input, TableName: table(), ReturnValues: 'ALL_NEW' }));
    return Attributes ?? {};
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new ListConflictError();
    throw error;
  }
}

/** Renames or recolours at `expectedVersion`; bumps the version. */
export async function updateList(
  listId: string,
  expectedVersion: number,
  changes: { readonly name?: string; readonly color?: string | null },
  now: string,
): Promise<ListItem> {
  const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt', '#deleting': 'deleting' };
  const values: Record<string, unknown> = { ':expected': expectedVersion, ':one': 1, ':now': now };
  const sets = ['#updatedAt = :now', '#version = #version + :one'];
  const removes: string[] = [];
  if (changes.name !== undefined) {
    names['#name'] = 'name';
    values[':name'] = changes.name;
    sets.push('#name = :name');
  }
  if (changes.color !== undefined) {
    names['#color'] = 'color';
    if (changes.color === null) removes.push('#color');
    else {
      values[':color'] = changes.color;
      sets.push('#color = :color');
    }
  }
  return (await conditionalUpdate({
    Key: { pk: listPk(listId), sk: LIST_SK },
    UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
    ConditionExpression: 'attribute_exists(pk) AND #version = :expected AND attribute_not_exists(#deleting)',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  })) as ListItem;
}

export async function markListDeleting(listId: string): Promise<void> {
  await conditionalUpdate({
    Key: { pk: listPk(listId), sk: LIST_SK },
    UpdateExpression: 'SET deleting = :yes',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':yes': true },
  });
}

export async function updateMemberPosition(listId: string, userId: string, position: string): Promise<MemberItem> {
  return (await conditionalUpdate({
    Key: { pk: listPk(listId), sk: memberSk(userId) },
    UpdateExpression: 'SET #position = :position, member_position = :sortKey',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: { '#position': 'position' },
    ExpressionAttributeValues: { ':position': position, ':sortKey': `${position}#${listId}` },
  })) as MemberItem;
}

export async function updateMemberRole(listId: string, userId: string, role: GrantableRole): Promise<MemberItem> {
  return (await conditionalUpdate({
    Key: { pk: listPk(listId), sk: memberSk(userId) },
    UpdateExpression: 'SET #role = :role',
    // The owner's role never changes.
    ConditionExpression: 'attribute_exists(pk) AND #role <> :owner',
    ExpressionAttributeNames: { '#role': 'role' },
    ExpressionAttributeValues: { ':role': role, ':owner': 'owner' },
  })) as MemberItem;
}

export async function deleteMember(listId: string, userId: string): Promise<void> {
  await dynamodb().send(new DeleteCommand({ TableName: table(), Key: { pk: listPk(listId), sk: memberSk(userId) } }));
}

/** Moves a pending invitation to `status`; ListConflictError when it was no longer pending. */
export async function settleInvitation(listId: string, invitationId: string, status: Exclude<InvitationStatus, 'pending'>): Promise<void> {
  await conditionalUpdate({
    Key: { pk: listPk(listId), sk: invitationSk(invitationId) },
    UpdateExpression: 'SET #status = :status',
    ConditionExpression: 'attribute_exists(pk) AND #status = :pending',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':status': status, ':pending': 'pending' },
  });
}

/** Removes the list's partition: its item, members and invitations. */
export function deleteListPartition(listId: string): Promise<number> {
  return deletePartition(table(), 'pk', listPk(listId), 'sk');
}
