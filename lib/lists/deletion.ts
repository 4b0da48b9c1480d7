import 'server-only';
import { deleteActivityOfList, deleteAllActivityForUser } from '../activity/repository';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { removeAccountObjects } from '../attachments/cleanup';
import { announceListDeleted, announceMembership } from '../live/announce';
import { deleteItemsCreatedBy, itemsCreatedBy } from '../tasks/repository';
import { deleteTasksOfList } from '../tasks/service';
import * as repository from './repository';
import { ListConflictError } from './repository';

/**
 * Deleting lists and accounts, in an order that a retry can resume (docs/data-model.md, "Deleting"):
 * the list is marked first, so every access check answers 404 at once, and its own item goes last.
 */

/** Deletes one list with everything in it (also an import that failed before its lists were shown). */
export async function purgeList(listId: string, ownerId: string): Promise<void> {
  try {
    await repository.markListDeleting(listId);
  } catch (error) {
    if (!(error instanceof ListConflictError)) throw error;
  }
  // Others lose it from their sidebars first, then the contents go, then the list itself.
  const members = await repository.findMembers(listId);
  const others = members.filter((member) => member.user_id !== ownerId).map((member) => member.user_id);
  await Promise.all(others.map((userId) => repository.deleteMember(listId, userId)));
  await announceListDeleted(listId, [ownerId, ...others]);
  await deleteTasksOfList(listId);
  await deleteActivityOfList(listId);
  await repository.deleteListPartition(listId);
}

/** The owner deletes a list with everything in it; a list already being deleted is finished. */
export async function deleteList(userId: string, listId: string): Promise<void> {
  const { list, member } = await repository.findListAndMember(listId, userId);
  if (!list || !member) throw new NotFoundError('There is no such list.');
  if (member.role !== 'owner') {
    if (list.deleting) throw new NotFoundError('There is no such list.');
    throw new ForbiddenError('Only the owner of this list can do that.');
  }
  if (list.inbox) throw new ConflictError('The Inbox cannot be deleted.');
  await purgeList(listId, userId);
}

/**
 * Everything an account owns: its lists (with their tasks, objects, activity, memberships and
 * invitations, the Inbox included), its memberships of other lists and its own activity entries.
 * Tasks it created in other people's lists stay there: those lists' owners keep them.
 */
export async function deleteAccountData(userId: string): Promise<void> {
  for (const member of await repository.findMemberships(userId)) {
    if (member.role === 'owner') await purgeList(member.list_id, userId);
    else {
      await repository.deleteMember(member.list_id, userId);
      await announceMembership('member.removed', member.list_id, userId);
    }
  }
  // What is left in the person's partition: tasks in other people's lists (kept, with their images)
  // and anything that belongs to no list that still exists (removed).
  const created = await itemsCreatedBy(userId);
  const listIds = [...new Set(created.flatMap((item) => (item.listId ? [item.listId] : [])))];
  const found = await repository.findLists(listIds);
  // A list of theirs still here has no member item: an import that died before showing it. It goes too.
  for (const list of found.filter((item) => item.owner_id === userId)) await purgeList(list.list_id, userId);
  const liveLists = new Set(found.filter((list) => !list.deleting && list.owner_id !== userId).map((list) => list.list_id));
  const kept = new Set(created.filter((item) => item.listId && liveLists.has(item.listId)).map((item) => item.todoId));
  await removeAccountObjects(userId, kept);
  await deleteItemsCreatedBy(userId, created.filter((item) => !kept.has(item.todoId)).map((item) => item.todoId));
  await deleteAllActivityForUser(userId);
}
