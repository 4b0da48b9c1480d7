/**
 * Where attachment objects live (docs/data-model.md, "Attachments"). Plain code: the server, infra's
 * grants and lifecycle rule, and the tests use the same prefixes.
 *
 * - users/{creator}/tasks/{taskId}/{attachmentId}: verified images, the only keys ever served.
 * - staging/{creator}/{attachmentId}: where a presigned POST writes. `complete` copies a verified
 *   upload to the final key and deletes this one, so a form re-posted later only makes a new staging
 *   object (removed by the sweeper), never touches a served or deleted image. Attachment ids are never
 *   reused, so each staging key belongs to one upload.
 */

export const OBJECT_PREFIX = 'users/';
export const STAGING_PREFIX = 'staging/';

export function userPrefix(userId: string): string {
  return `${OBJECT_PREFIX}${userId}/`;
}

export function taskPrefix(userId: string, taskId: string): string {
  return `${userPrefix(userId)}tasks/${taskId}/`;
}

export function attachmentKey(userId: string, taskId: string, attachmentId: string): string {
  return `${taskPrefix(userId, taskId)}${attachmentId}`;
}

export function stagingPrefixOf(userId: string): string {
  return `${STAGING_PREFIX}${userId}/`;
}

export function stagingKey(userId: string, attachmentId: string): string {
  return `${stagingPrefixOf(userId)}${attachmentId}`;
}
