import { mutationOptions, queryOptions, type QueryClient } from '@tanstack/react-query';
import { generateKeyBetween } from 'fractional-indexing';
import { acceptInvitation, createList, declineInvitation, deleteList, fetchLists, fetchMyInvitations, updateList, type ListChanges } from '@/lib/client/lists';
import type { Invitation, List } from '@/lib/lists/schema';
import { taskKeys } from './task-queries';

/**
 * React Query for lists and the person's invitations: one key factory, query options shared by the
 * server prefetch and the client hooks, and optimistic mutations that roll back when the server refuses.
 * A list's members and the invitations it sent are in ./list-sharing.ts (loaded with the share dialog).
 */

export const listKeys = {
  all: ['lists'] as const,
  mine: () => [...listKeys.all, 'mine'] as const,
  members: (listId: string) => [...listKeys.all, listId, 'members'] as const,
  invitations: (listId: string) => [...listKeys.all, listId, 'invitations'] as const,
};

export const invitationKeys = {
  mine: ['invitations', 'mine'] as const,
};

// ---------- Query options ----------

export function listsOptions() {
  return queryOptions({ queryKey: listKeys.mine(), queryFn: ({ signal }) => fetchLists(signal) });
}

export function myInvitationsOptions() {
  return queryOptions({ queryKey: invitationKeys.mine, queryFn: ({ signal }) => fetchMyInvitations(signal) });
}

// ---------- Order ----------

/** The server's order: the Inbox first, then by the person's own position (plain string order). */
export function sortLists(lists: readonly List[]): List[] {
  return [...lists].sort(
    (a, b) => Number(b.inbox) - Number(a.inbox) || (a.position < b.position ? -1 : a.position > b.position ? 1 : 0),
  );
}

/**
 * The position that moves a list one place up or down among the movable (non-Inbox) lists,
 * or null when it is already at that end.
 */
export function movedPosition(lists: readonly List[], listId: string, direction: 'up' | 'down'): string | null {
  const movable = sortLists(lists).filter((list) => !list.inbox);
  const index = movable.findIndex((list) => list.id === listId);
  if (index < 0) return null;
  const [before, after] =
    direction === 'up' ? [movable[index - 2], movable[index - 1]] : [movable[index + 1], movable[index + 2]];
  if (direction === 'up' ? index === 0 : index === movable.length - 1) return null;
  return generateKeyBetween(before?.position ?? null, after?.position ?? null);
}

// ---------- Cache helpers ----------

function editLists(queryClient: QueryClient, edit: (lists: readonly List[]) => List[]): void {
  queryClient.setQueryData<List[]>(listKeys.mine(), (lists) => (lists ? sortLists(edit(lists)) : lists));
}

/** Adds a list, or replaces the cached one with the same id. */
export function putList(queryClient: QueryClient, list: List): void {
  editLists(queryClient, (lists) => [...lists.filter((item) => item.id !== list.id), list]);
}

export function dropList(queryClient: QueryClient, listId: string): void {
  editLists(queryClient, (lists) => lists.filter((item) => item.id !== listId));
  queryClient.removeQueries({ queryKey: listKeys.members(listId) });
  queryClient.removeQueries({ queryKey: listKeys.invitations(listId) });
}

function cachedList(queryClient: QueryClient, listId: string): List | undefined {
  return queryClient.getQueryData<List[]>(listKeys.mine())?.find((list) => list.id === listId);
}

/** The lists' counts and the task views change together: refetch both. */
export async function invalidateListsAndTasks(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: listKeys.all }),
    queryClient.invalidateQueries({ queryKey: taskKeys.lists() }),
  ]);
}

// ---------- List mutations ----------

export function createListMutation(queryClient: QueryClient) {
  return mutationOptions({
    mutationKey: [...listKeys.all, 'create'],
    mutationFn: createList,
    onSuccess: (list) => putList(queryClient, list),
    onSettled: () => queryClient.invalidateQueries({ queryKey: listKeys.mine() }),
  });
}

export type UpdateListVariables = { readonly list: List; readonly changes: ListChanges };

/**
 * Renames, recolours or moves a list at once; a refusal puts it back. Changes of one list run one after
 * another (scope); name and colour are conditional on the newest version the cache knows.
 */
export function updateListMutation(queryClient: QueryClient) {
  return mutationOptions({
    mutationKey: [...listKeys.all, 'update'],
    mutationFn: ({ list, changes }: UpdateListVariables) => {
      const conditional = changes.name !== undefined || changes.color !== undefined;
      return updateList(list.id, changes, conditional ? (cachedList(queryClient, list.id)?.version ?? list.version) : undefined);
    },
    onMutate: async ({ list, changes }: UpdateListVariables) => {
      await queryClient.cancelQueries({ queryKey: listKeys.mine() });
      const snapshot = queryClient.getQueryData<List[]>(listKeys.mine());
      const current = cachedList(queryClient, list.id) ?? list;
      putList(queryClient, { ...current, ...changes });
      return { snapshot };
    },
    onSuccess: (saved) => {
      // Keep the optimistic fields a later change may already show; take the server's version and counts.
      const current = cachedList(queryClient, saved.id);
      putList(queryClient, current ? { ...current, version: Math.max(current.version, saved.version), counts: saved.counts } : saved);
    },
    onError: (_error, _variables, context) => {
      if (context?.snapshot) queryClient.setQueryData(listKeys.mine(), context.snapshot);
    },
    onSettled: () => {
      if (queryClient.isMutating({ mutationKey: [...listKeys.all, 'update'] }) <= 1) {
        return queryClient.invalidateQueries({ queryKey: listKeys.mine() });
      }
    },
  });
}

/** Deletes a list (owner), and with it its tasks: it leaves the sidebar at once and comes back if refused. */
export function deleteListMutation(queryClient: QueryClient) {
  return mutationOptions({
    mutationKey: [...listKeys.all, 'delete'],
    mutationFn: (list: List) => deleteList(list.id),
    onMutate: async (list: List) => {
      await queryClient.cancelQueries({ queryKey: listKeys.mine() });
      const snapshot = queryClient.getQueryData<List[]>(listKeys.mine());
      editLists(queryClient, (lists) => lists.filter((item) => item.id !== list.id));
      return { snapshot };
    },
    onSuccess: (_result, list) => dropList(queryClient, list.id),
    onError: (_error, _list, context) => {
      if (context?.snapshot) queryClient.setQueryData(listKeys.mine(), context.snapshot);
    },
    onSettled: () => invalidateListsAndTasks(queryClient),
  });
}

// ---------- Answering an invitation ----------

type InvitationSnapshot = { readonly snapshot: Invitation[] | undefined };

/** Answering an invitation takes it off the notice at once; a refusal brings it back. */
async function hideInvitation(queryClient: QueryClient, invitation: Invitation): Promise<InvitationSnapshot> {
  await queryClient.cancelQueries({ queryKey: invitationKeys.mine });
  const snapshot = queryClient.getQueryData<Invitation[]>(invitationKeys.mine);
  queryClient.setQueryData<Invitation[]>(invitationKeys.mine, (items) => items?.filter((item) => item.id !== invitation.id));
  return { snapshot };
}

function restoreInvitations(queryClient: QueryClient, context: InvitationSnapshot | undefined): void {
  if (context?.snapshot) queryClient.setQueryData(invitationKeys.mine, context.snapshot);
}

export function acceptInvitationMutation(queryClient: QueryClient) {
  return mutationOptions({
    mutationKey: [...invitationKeys.mine, 'accept'],
    mutationFn: (invitation: Invitation) => acceptInvitation(invitation.id),
    onMutate: (invitation: Invitation) => hideInvitation(queryClient, invitation),
    onSuccess: (list) => putList(queryClient, list),
    onError: (_error, _invitation, context) => restoreInvitations(queryClient, context),
    onSettled: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: invitationKeys.mine }), invalidateListsAndTasks(queryClient)]),
  });
}

export function declineInvitationMutation(queryClient: QueryClient) {
  return mutationOptions({
    mutationKey: [...invitationKeys.mine, 'decline'],
    mutationFn: (invitation: Invitation) => declineInvitation(invitation.id),
    onMutate: (invitation: Invitation) => hideInvitation(queryClient, invitation),
    onError: (_error, _invitation, context) => restoreInvitations(queryClient, context),
    onSettled: () => queryClient.invalidateQueries({ queryKey: invitationKeys.mine }),
  });
}
