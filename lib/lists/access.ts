import 'server-only';
import { ForbiddenError, NotFoundError } from '../errors';
import { isVisible, mayDo } from './membership-read';
import { findListAndMember, type ListItem, type MemberItem } from './repository';
import type { Right } from './schema';

/**
 * The one authorization check of every list-scoped access (lists, their tasks, attachments, activity):
 * the verified caller's membership, read consistently so that a removal takes effect on the very next
 * request. A non-member learns nothing (404, as for an id that does not exist); a member whose role
 * lacks the right gets 403.
 */

export type ListAccess = { readonly list: ListItem; readonly member: MemberItem };

const NO_SUCH_LIST = 'There is no such list.';

const RIGHT_DENIED: Record<Right, string> = {
  read: 'You cannot see this list.',
  edit: 'You can view this list but not change it. Ask its owner to make you an editor.',
  own: 'Only the owner of this list can do that.',
};

export async function accessList(userId: string, listId: string, right: Right, notFound = NO_SUCH_LIST): Promise<ListAccess> {
  const found = await findListAndMember(listId, userId);
  if (!isVisible(found)) throw new NotFoundError(notFound);
  if (!mayDo(found.member, right)) throw new ForbiddenError(RIGHT_DENIED[right]);
  return found;
}
