import { mutationOptions, queryOptions, type QueryClient } from '@tanstack/react-query';
import { changeMemberRole, fetchListInvitations, fetchMembers, inviteToList, removeMember } from '@/lib/client/list-sharing';
import type { GrantableRole, Invitation, Member } from '@/lib/lists/schema';
import { listKeys } from './lists';

/**
 * React Query for a list's members and the invitations it sent: apart from ./lists.ts because only the
 * share dialog, loaded on demand, uses them.
 */

export function membersOptions(listId: string) {
  return queryOptions({ queryKey: listKeys.members(listId), queryFn: ({ signal }) => fetchMembers(listId, signal), staleTime: 0 });
}

export function listInvitationsOptions(listId: string) {
  return queryOptions({ queryKey: listKeys.invitations(listId), queryFn: ({ signal }) => fetchListInvitations(listId, signal), staleTime: 0 });
}

export type MemberRoleVariables = { readonly member: Member; readonly role: GrantableRole };

export function changeMemberRoleMutation(queryClient: QueryClient, listId: string) {
  const key = listKeys.members(listId);
  return mutationOptions({
    mutationKey: [...key, 'role'],
    mutationFn: ({ member, role }: MemberRoleVariables) => changeMemberRole(listId, member.userId, role),
    onMutate: async ({ member, role }: MemberRoleVariables) => {
      await queryClient.cancelQueries({ queryKey: key });
      const snapshot = queryClient.getQueryData<Member[]>(key);
      queryClient.setQueryData<Member[]>(key, (members) =>
        members?.map((item) => (item.userId === member.userId ? { ...item, role } : item)),
      );
      return { snapshot };
    },
    onError: (_error, _variables, context) => {
      if (context?.snapshot) queryClient.setQueryData(key, context.snapshot);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

/** Removes a member (owner), or the person themself (leaving: the list then leaves their cache too). */
export function removeMemberMutation(queryClient: QueryClient, listId: string) {
  const key = listKeys.members(listId);
  return mutationOptions({
    mutationKey: [...key, 'remove'],
    mutationFn: (member: Member) => removeMember(listId, member.userId),
    onMutate: async (member: Member) => {
      await queryClient.cancelQueries({ queryKey: key });
      const snapshot = queryClient.getQueryData<Member[]>(key);
      queryClient.setQueryData<Member[]>(key, (members) => members?.filter((item) => item.userId !== member.userId));
      return { snapshot };
    },
    onError: (_error, _member, context) => {
      if (context?.snapshot) queryClient.setQueryData(key, context.snapshot);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: listKeys.all }),
  });
}

export function inviteMutation(queryClient: QueryClient, listId: string) {
  const key = listKeys.invitations(listId);
  return mutationOptions({
    mutationKey: [...key, 'create'],
    mutationFn: (input: { readonly email: string; readonly role: GrantableRole }) => inviteToList(listId, input),
    onSuccess: (invitation) =>
      queryClient.setQueryData<Invitation[]>(key, (items) => [...(items ?? []).filter((item) => item.email !== invitation.email), invitation]),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
