import 'server-only';
import { randomUUID } from 'node:crypto';
import { generateKeyBetween } from 'fractional-indexing';
import type { PublicUser } from '../auth/service';
import { ConflictError, NotFoundError, PreconditionFailedError, QuotaExceededError } from '../errors';
import { announceListChange, announceListCreated, announceMembership } from '../live/announce';
import { countOpenTasks, countOverdueTasks } from '../tasks/repository';
import { DEFAULT_TIME_ZONE, wallClock } from '../time-zone';
import { accessList } from './access';
import { inboxIdFor, INBOX_POSITION } from './items';
import * as repository from './repository';
import { ListConflictError, type ListItem, type MemberItem } from './repository';
import { INBOX_NAME, MAX_OWNED_LISTS, type CreateListInput, type List, type Member, type UpdateListInput } from './schema';

/** List rules: the Inbox, ownership, per-member order and the counts shown beside each list. */

/** Where "overdue" starts for the person: now, on their own clock (due keys compare as "<date>T<time>"). */
function overdueBefore(timeZone: string | null): string {
  const { date, time } = wallClock(timeZone ?? DEFAULT_TIME_ZONE);
  return `${date}T${time}`;
}

function memberOf(list: ListItem, user: PublicUser, role: MemberItem['role'], position: string, now: string): MemberItem {
  return repository.memberItem({
    list_id: list.list_id,
    user_id: user.id,
    role,
    email: user.email,
    ...(user.name ? { name: user.name } : {}),
    position,
    joinedAt: now,
  });
}

/** Creates the person's Inbox unless it exists; safe to call on every request that needs it. */
export async function ensureInbox(user: PublicUser): Promise<string> {
  const listId = inboxIdFor(user.id);
  const existing = await repository.findMember(listId, user.id);
  // An Inbox made by the migration knows no email yet: fill it in from the profile.
  if (existing && existing.email) return listId;
  const now = new Date().toISOString();
  const list = repository.listItem({ list_id: listId, name: INBOX_NAME, owner_id: user.id, inbox: true, version: 1, createdAt: now, updatedAt: now });
  await repository.insertList(list);
  const member = memberOf(list, user, 'owner', INBOX_POSITION, now);
  if (existing) await repository.replaceMember(member);
  else await repository.insertMember(member);
  return listId;
}

async function toList(list: ListItem, member: MemberItem, overdueBeforeKey: string, memberCount?: number): Promise<List> {
  const [open, overdue, members] = await Promise.all([
    countOpenTasks(list.list_id),
    countOverdueTasks(list.list_id, overdueBeforeKey),
    memberCount ?? repository.findMembers(list.list_id).then((items) => items.length),
  ]);
  return {
    id: list.list_id,
    name: list.name,
    color: list.color ?? null,
    inbox: list.inbox,
    role: member.role,
    position: member.position,
    ownerId: list.owner_id,
    shared: members > 1,
    counts: { open, overdue },
    version: list.version,
    createdAt: list.createdAt,
    updatedAt: list.updatedAt,
  };
}

/** The person's memberships of lists that exist and are not being deleted, in their order. */
export async function visibleMemberships(userId: string): Promise<{ member: MemberItem; list: ListItem }[]> {
  const memberships = await repository.findMemberships(userId);
  const lists = new Map((await repository.findLists(memberships.map((member) => member.list_id))).map((list) => [list.list_id, list]));
  return memberships.flatMap((member) => {
    const list = lists.get(member.list_id);
    return list && !list.deleting ? [{ member, list }] : [];
  });
}

/** The ids of every list the person can see: what cross-list views read. */
export async function visibleListIds(userId: string): Promise<string[]> {
  return (await repository.findMemberships(userId)).map((member) => member.list_id);
}

/** Like `visibleMemberships`, making the person's Inbox on their first visit. */
export async function visibleMembershipsWithInbox(user: PublicUser): Promise<{ member: MemberItem; list: ListItem }[]> {
  const visible = await visibleMemberships(user.id);
  // The memberships already say whether the Inbox is there (and complete); only a first visit makes it.
  if (visible.some(({ list, member }) => list.inbox && list.owner_id === user.id && member.email)) return visible;
  await ensureInbox(user);
  return visibleMemberships(user.id);
}

/** One membership as the List the person sees, counts on their clock (GET /api/lists, sync). */
export function listOf(list: ListItem, member: MemberItem, timeZone: string | null): Promise<List> {
  return toList(list, member, overdueBefore(timeZone));
}

export async function listsForUser(user: PublicUser): Promise<List[]> {
  const visible = await visibleMembershipsWithInbox(user);
  const overdue = overdueBefore(user.timeZone);
  const lists = await Promise.all(visible.map(({ list, member }) => toList(list, member, overdue)));
  return lists.sort((a, b) => Number(b.inbox) - Number(a.inbox) || (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
}

export async function getListForUser(userId: string, listId: string, timeZone: string | null): Promise<List> {
  const { list, member } = await accessList(userId, listId, 'read');
  return toList(list, member, overdueBefore(timeZone));
}

/** New lists go to the end of the person's sidebar. */
export async function nextPosition(userId: string): Promise<string> {
  const memberships = await repository.findMemberships(userId);
  const last = memberships.map((member) => member.position).filter((position) => position !== INBOX_POSITION).sort().at(-1);
  return generateKeyBetween(last ?? null, null);
}

export async function createListForUser(user: PublicUser, input: CreateListInput): Promise<List> {
  await ensureInbox(user);
  const owned = (await repository.findMemberships(user.id)).filter((member) => member.role === 'owner').length;
  if (owned >= MAX_OWNED_LISTS) {
    throw new QuotaExceededError('lists', MAX_OWNED_LISTS, `An account has at most ${MAX_OWNED_LISTS} lists. Delete one to make another.`);
  }
  const now = new Date().toISOString();
  const list = repository.listItem({
    list_id: randomUUID(),
    name: input.name,
    ...(input.color ? { color: input.color } : {}),
    owner_id: user.id,
    inbox: false,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
  const member = memberOf(list, user, 'owner', await nextPosition(user.id), now);
  await repository.insertList(list);
  await repository.insertMember(member);
  await announceListCreated(user.id, list.list_id);
  return toList(list, member, overdueBefore(user.timeZone), 1);
}

/**
 * Name and colour are the owner's (the Inbox keeps its name); `position` is each member's own order.
 * With If-Match the list's version must still be that one (412 otherwise).
 */
export async function updateListForUser(
  userId: string,
  listId: string,
  patch: UpdateListInput,
  ifMatchVersion: number | undefined,
  timeZone: string | null,
): Promise<List> {
  const changesList = patch.name !== undefined || patch.color !== undefined;
  let { list, member } = await accessList(userId, listId, changesList ? 'own' : 'read');
  if (ifMatchVersion !== undefined && ifMatchVersion !== list.version) throw new PreconditionFailedError();
  if (list.inbox && patch.name !== undefined && patch.name !== list.name) throw new ConflictError('The Inbox cannot be renamed.');
  if (changesList) {
    try {
      list = await repository.updateList(listId, ifMatchVersion ?? list.version, { name: patch.name, color: patch.color }, new Date().toISOString());
    } catch (error) {
      if (error instanceof ListConflictError) throw new PreconditionFailedError();
      throw error;
    }
    await announceListChange(listId);
  }
  if (patch.position !== undefined) {
    if (list.inbox) throw new ConflictError('The Inbox always comes first.');
    member = await repository.updateMemberPosition(listId, userId, patch.position);
  }
  return toList(list, member, overdueBefore(timeZone));
}

export function toMember(item: MemberItem): Member {
  return { userId: item.user_id, email: item.email, name: item.name ?? null, role: item.role };
}

const ROLE_ORDER = { owner: 0, editor: 1, viewer: 2 } as const;

export async function membersForUser(userId: string, listId: string): Promise<Member[]> {
  await accessList(userId, listId, 'read');
  const members = await repository.findMembers(listId);
  return members
    .map(toMember)
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.email.localeCompare(b.email));
}

export async function changeMemberRole(userId: string, listId: string, memberId: string, role: 'editor' | 'viewer'): Promise<Member> {
  await accessList(userId, listId, 'own');
  const target = await repository.findMember(listId, memberId);
  if (!target) throw new NotFoundError('There is no such member of this list.');
  if (target.role === 'owner') throw new ConflictError("The owner's role cannot change.");
  let updated: MemberItem;
  try {
    updated = await repository.updateMemberRole(listId, memberId, role);
  } catch (error) {
    if (error instanceof ListConflictError) throw new NotFoundError('There is no such member of this list.');
    throw error;
  }
  await announceMembership('member.changed', listId, memberId);
  return toMember(updated);
}

/** The owner removes anyone but themself; anyone else may remove themself (leave). */
export async function removeMember(userId: string, listId: string, memberId: string): Promise<void> {
  const { member } = await accessList(userId, listId, 'read');
  if (memberId === userId) {
    if (member.role === 'owner') throw new ConflictError('The owner cannot leave their own list. Delete it instead.');
  } else {
    if (member.role !== 'owner') await accessList(userId, listId, 'own');
    const target = await repository.findMember(listId, memberId);
    if (!target) throw new NotFoundError('There is no such member of this list.');
  }
  await repository.deleteMember(listId, memberId);
  await announceMembership('member.removed', listId, memberId);
}
