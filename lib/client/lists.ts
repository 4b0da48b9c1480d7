import type { Invitation, List } from '@/lib/lists/schema';
import { apiFetch } from './api';

/**
 * The HTTP calls of lists and of the person's own invitations (SPEC §6.1); a list's members and the
 * invitations it sent are in ./list-sharing.ts; caching lives in lib/query/lists.ts.
 */

export type NewList = { readonly name: string; readonly color: string | null };
export type ListChanges = Partial<Pick<List, 'name' | 'color' | 'position'>>;

export function listPath(id: string): string {
  return `/api/lists/${encodeURIComponent(id)}`;
}

function invitationPath(id: string): string {
  return `/api/invitations/${encodeURIComponent(id)}`;
}

export const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export async function fetchLists(signal?: AbortSignal): Promise<List[]> {
  return ((await apiFetch('/api/lists', withSignal(signal))) as { items: List[] }).items;
}

export async function createList(input: NewList): Promise<List> {
  return (await apiFetch('/api/lists', { method: 'POST', body: input })) as List;
}

/** Name and colour are conditional on `version` (412 when the list changed); a position is the caller's own. */
export async function updateList(id: string, changes: ListChanges, version?: number): Promise<List> {
  const headers: Record<string, string> = version === undefined ? {} : { 'If-Match': `"${version}"` };
  return (await apiFetch(listPath(id), { method: 'PATCH', body: changes, headers })) as List;
}

export async function deleteList(id: string): Promise<void> {
  await apiFetch(listPath(id), { method: 'DELETE' });
}

/** Invitations addressed to the signed-in person's verified email. */
export async function fetchMyInvitations(signal?: AbortSignal): Promise<Invitation[]> {
  return ((await apiFetch('/api/invitations', withSignal(signal))) as { items: Invitation[] }).items;
}

export async function acceptInvitation(id: string): Promise<List> {
  return (await apiFetch(`${invitationPath(id)}/accept`, { method: 'POST' })) as List;
}

export async function declineInvitation(id: string): Promise<void> {
  await apiFetch(`${invitationPath(id)}/decline`, { method: 'POST' });
}
