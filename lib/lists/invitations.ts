import 'server-only';
import { randomUUID } from 'node:crypto';
import type { PublicUser } from '../auth/service';
import { sendEmail } from '../email/send';
import { invitationEmail } from '../email/templates';
import { env } from '../env';
import { ConflictError, NotFoundError, QuotaExceededError } from '../errors';
import { announceMembership } from '../live/announce';
import { accessList } from './access';
import * as repository from './repository';
import { ListConflictError, type InvitationItem } from './repository';
import { INVITATION_DAYS, MAX_MEMBERS_PER_LIST, type Invitation, type InviteInput, type List } from './schema';
import { getListForUser, nextPosition } from './service';

/**
 * Sharing by email: the owner invites an address; whoever proves that address (Cognito's verified
 * email) may accept. Found by the caller's own email, never by an id alone, so no one else can.
 */

const NO_SUCH_INVITATION = 'There is no such invitation.';
const MAX_PENDING_PER_LIST = 50;

function toInvitation(item: InvitationItem): Invitation {
  return {
    id: item.invitation_id,
    listId: item.list_id,
    listName: item.list_name,
    email: item.email,
    role: item.role,
    invitedBy: item.invited_by,
    status: item.status,
    expiresAt: item.expiresAt,
  };
}

const isLive = (item: InvitationItem, now: number) => item.status === 'pending' && Date.parse(item.expiresAt) > now;

/**
 * Invites an email address to the list (owner only). The answer is the same whether or not the address
 * has an account; the email tells a person without one to sign up with it. Inviting an address that
 * already has a pending invitation hands that one back with the new role.
 */
export async function inviteToList(owner: PublicUser, listId: string, input: InviteInput): Promise<Invitation> {
  const { list } = await accessList(owner.id, listId, 'own');
  if (list.inbox) throw new ConflictError('The Inbox is yours alone. Share another list.');
  if (input.email === owner.email.toLowerCase()) throw new ConflictError('You already own this list.');
  const members = await repository.findMembers(listId);
  if (members.some((member) => member.email.toLowerCase() === input.email)) throw new ConflictError('That person is already a member of this list.');
  if (members.length >= MAX_MEMBERS_PER_LIST) {
    throw new QuotaExceededError('members', MAX_MEMBERS_PER_LIST, `A list has at most ${MAX_MEMBERS_PER_LIST} members.`);
  }
  const now = Date.now();
  const pending = (await repository.findListInvitations(listId)).filter((item) => isLive(item, now));
  const existing = pending.find((item) => item.email === input.email && item.role === input.role);
  if (existing) return toInvitation(existing);
  if (pending.length >= MAX_PENDING_PER_LIST) throw new ConflictError(`A list has at most ${MAX_PENDING_PER_LIST} pending invitations.`);
  const createdAt = new Date(now).toISOString();
  const item = repository.invitationItem({
    invitation_id: randomUUID(),
    list_id: listId,
    list_name: list.name,
    email: input.email,
    role: input.role,
    invited_by: owner.email,
    invited_by_id: owner.id,
    status: 'pending',
    createdAt,
    expiresAt: new Date(now + INVITATION_DAYS * 24 * 60 * 60 * 1000).toISOString(),
  });
  await repository.insertInvitation(item);
  // A previous invitation of the same address with another role gives way to this one.
  await Promise.all(
    pending.filter((old) => old.email === input.email).map((old) => repository.settleInvitation(listId, old.invitation_id, 'declined').catch(() => undefined)),
  );
  const email = invitationEmail({
    inviterName: owner.name ?? '',
    inviterEmail: owner.email,
    listName: list.name,
    role: input.role,
    acceptUrl: new URL('/invitations', env().APP_ORIGIN).href,
  });
  await sendEmail({ to: input.email, ...email });
  return toInvitation(item);
}

export async function pendingInvitationsOfList(userId: string, listId: string): Promise<Invitation[]> {
  await accessList(userId, listId, 'own');
  const now = Date.now();
  return (await repository.findListInvitations(listId)).filter((item) => isLive(item, now)).map(toInvitation);
}

/** The owner takes a pending invitation back (declined on their side): it can no longer be accepted. */
export async function cancelInvitation(userId: string, listId: string, invitationId: string): Promise<void> {
  await accessList(userId, listId, 'own');
  const item = await repository.findInvitation(listId, invitationId);
  if (!item || item.status !== 'pending') throw new NotFoundError(NO_SUCH_INVITATION);
  try {
    await repository.settleInvitation(listId, invitationId, 'declined');
  } catch (error) {
    if (!(error instanceof ListConflictError)) throw error;
  }
}

/** The pending invitations addressed to the caller's verified email. */
export async function invitationsFor(email: string): Promise<Invitation[]> {
  const now = Date.now();
  return (await repository.findInvitationsFor(email.toLowerCase())).filter((item) => isLive(item, now)).map(toInvitation);
}

async function invitationFor(email: string, invitationId: string): Promise<InvitationItem> {
  const addressed = (await repository.findInvitationsFor(email.toLowerCase())).find((item) => item.invitation_id === invitationId);
  // The index may lag behind a status change: the item itself decides.
  const item = addressed && (await repository.findInvitation(addressed.list_id, invitationId));
  if (!item || item.email !== email.toLowerCase()) throw new NotFoundError(NO_SUCH_INVITATION);
  return item;
}

/**
 * Joins the list with the invited role. Idempotent: accepting again, or after a crash between writing
 * the membership and settling the invitation, finishes the job and answers the same list.
 */
export async function acceptInvitation(user: PublicUser, invitationId: string): Promise<List> {
  const item = await invitationFor(user.email, invitationId);
  const member = await repository.findMember(item.list_id, user.id);
  if (item.status === 'declined') throw new ConflictError('This invitation was declined.');
  if (item.status === 'accepted' && member) return getListForUser(user.id, item.list_id, user.timeZone);
  if (item.status === 'accepted' || Date.parse(item.expiresAt) <= Date.now()) throw new ConflictError('This invitation has expired. Ask for a new one.');
  const list = await repository.findList(item.list_id);
  if (!list || list.deleting) throw new NotFoundError(NO_SUCH_INVITATION);
  if (!member) {
    if ((await repository.findMembers(item.list_id)).length >= MAX_MEMBERS_PER_LIST) {
      throw new QuotaExceededError('members', MAX_MEMBERS_PER_LIST, `This list already has ${MAX_MEMBERS_PER_LIST} members, its most.`);
    }
    await repository.insertMember(
      repository.memberItem({
        list_id: item.list_id,
        user_id: user.id,
        role: item.role,
        email: user.email,
        ...(user.name ? { name: user.name } : {}),
        position: await nextPosition(user.id),
        joinedAt: new Date().toISOString(),
      }),
    );
    await announceMembership('member.added', item.list_id, user.id);
  }
  try {
    await repository.settleInvitation(item.list_id, invitationId, 'accepted');
  } catch (error) {
    if (!(error instanceof ListConflictError)) throw error;
  }
  return getListForUser(user.id, item.list_id, user.timeZone);
}

export async function declineInvitation(user: PublicUser, invitationId: string): Promise<void> {
  const item = await invitationFor(user.email, invitationId);
  if (item.status === 'accepted') throw new ConflictError('This invitation was already accepted. Leave the list instead.');
  if (item.status === 'declined') return;
  try {
    await repository.settleInvitation(item.list_id, invitationId, 'declined');
  } catch (error) {
    if (!(error instanceof ListConflictError)) throw error;
  }
}
