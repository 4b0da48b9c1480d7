import 'server-only';
import type { Task } from '../tasks/schema';
import { attachmentKey, stagingKey, stagingPrefixOf, taskPrefix } from './keys';
import { deletePendingUploads, releasePendingUpload } from './pending';
import { deleteObject, deleteObjectsOfCreator, deleteObjectsUnder } from './storage';

/**
 * Removing what attachments stored, always before the item that points to it goes (a crash in
 * between leaves an item whose delete can be retried, never an object nobody can find). Staging
 * objects nobody completed are the sweeper's (lib/attachments/sweeper.ts).
 */

/** One attachment's final and staging objects, and its place in the pending-uploads quota. */
export async function removeAttachmentObjects(creatorId: string, taskId: string, attachmentId: string): Promise<void> {
  await Promise.all([deleteObject(attachmentKey(creatorId, taskId, attachmentId)), deleteObject(stagingKey(creatorId, attachmentId))]);
  await releasePendingUpload(creatorId, attachmentId);
}

/** Everything a task's attachments stored, leftovers under its prefix included (task and list deletion). */
export async function removeTaskObjects(task: Task): Promise<void> {
  await deleteObjectsUnder(taskPrefix(task.createdBy, task.id));
  const pending = task.attachments.filter((attachment) => attachment.status === 'pending');
  await Promise.all(pending.map((attachment) => deleteObject(stagingKey(task.createdBy, attachment.id))));
  await Promise.all(pending.map((attachment) => releasePendingUpload(task.createdBy, attachment.id)));
}

/** Account deletion: the person's objects but those of `keptTaskIds`, every staging object and the quota item. */
export async function removeAccountObjects(userId: string, keptTaskIds: ReadonlySet<string>): Promise<void> {
  await deleteObjectsOfCreator(userId, keptTaskIds);
  await deleteObjectsUnder(stagingPrefixOf(userId));
  await deletePendingUploads(userId);
}
