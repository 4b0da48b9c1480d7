import 'server-only';
import { DeleteObjectsCommand, ListObjectsV2Command, type ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import { s3 } from '../aws/s3';
import { env } from '../env';

/** Object keys live under users/{sub}/, so one prefix holds everything a person stored. */
export function userPrefix(userId: string): string {
  return `users/${userId}/`;
}

/** Deletes every object under the user's prefix, a listing page (≤ 1000 keys) at a time. */
export async function deleteAllObjectsForUser(userId: string): Promise<number> {
  const bucket = env().ATTACHMENTS_BUCKET;
  let deleted = 0;
  let token: ListObjectsV2CommandOutput['NextContinuationToken'];
  do {
    const page = await s3().send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: userPrefix(userId), ContinuationToken: token }),
    );
    const objects = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
    if (objects.length > 0) {
      const result = await s3().send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: true } }));
      if (result.Errors && result.Errors.length > 0) {
        throw new Error(`Could not delete ${result.Errors.length} objects under ${userPrefix(userId)}`);
      }
      deleted += objects.length;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return deleted;
}
