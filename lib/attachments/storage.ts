import 'server-only';
import { DeleteObjectsCommand, ListObjectsV2Command, type ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import { s3 } from '../aws/s3';
import { env } from '../env';

/** Object keys are users/{sub}/tasks/{taskId}/{attachmentId}: one prefix holds all a person or task stored. */
export function userPrefix(userId: string): string {
  return `users/${userId}/`;
}

export function taskPrefix(userId: string, taskId: string): string {
  return `${userPrefix(userId)}tasks/${taskId}/`;
}

/** Deletes every object under a prefix, a listing page (≤ 1000 keys) at a time. */
export async function deleteObjectsUnder(prefix: string): Promise<number> {
  const bucket = env().ATTACHMENTS_BUCKET;
  let deleted = 0;
  let token: ListObjectsV2CommandOutput['NextContinuationToken'];
  do {
    const page = await s3().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    const objects = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
    if (objects.length > 0) {
      const result = await s3().send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: true } }));
      if (result.Errors && result.Errors.length > 0) {
        throw new Error(`Could not delete ${result.Errors.length} objects under ${prefix}`);
      }
      deleted += objects.length;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return deleted;
}

export function deleteAllObjectsForUser(userId: string): Promise<number> {
  return deleteObjectsUnder(userPrefix(userId));
}
