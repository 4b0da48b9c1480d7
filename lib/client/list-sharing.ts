import type { GrantableRole, Invitation, Member } from '@/lib/lists/schema';
import { apiFetch } from './api';
import { listPath, withSignal } from './lists';

/**
 * The HTTP calls of a list's members and of the invitations it sent (SPEC §6.1). Apart from ./lists.ts
 * because only the share dialog, loaded on demand, uses them.
 */

function memberPath(listId: string, userId: string): string {
  return `${listPath(listId)}/members/${encodeURIComponent(userId)}`;
}

export async function fetchMembers(listId: string, signal?: AbortSignal): Promise<Member[]> {
  return ((await apiFetch(`${listPath(listId)}/members`, withSignal(signal))) as { items: Member[] }).items;
}

export async function changeMemberRole(listId: string, userId: string, role: GrantableRole): Promise<Member> {
  return (await apiFetch(memberPath(listId, userId), { method: 'PATCH', body: { role } })) as Member;
}

/** Removes a member (owner), or the caller themself: leaving the list. */
export async function removeMember(listId: string, userId: string): Promise<void> {
  await apiFetch(memberPath(listId, userId), { method: 'DELETE' });
}

export async function fetchListInvitations(listId: string, signal?: AbortSignal): Promise<Invitation[]> {
  return ((await apiFetch(`${listPath(listId)}/invitations`, withSignal(signal))) as { items: Invitation[] }).items;
}

export async function inviteToList(listId: string, input: { readonly email: string; readonly role: GrantableRole }): Promise<Invitation> {
  return (await apiFetch(`${listPath(listId)}/invitations`, { method: 'POST', body: input })) as Invitation;
}
