import 'server-only';
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NotFound,
  NoSuchKey,
  PutObjectTaggingCommand,
  type ListObjectsV2CommandOutput,
} from '@aws-sdk/client-s3';
import { s3 } from '../aws/s3';
import { env } from '../env';

/** Object keys are users/{sub}/tasks/{taskId}/{attachmentId}: one prefix holds all a person or task stored. */
export function userPrefix(userId: string): string {
  return `users/${userId}/`;
}

export function taskPrefix(userId: string, taskId: string): string {
  return `${userPrefix(userId)}tasks/${taskId}/`;
}

export function attachmentKey(userId: string, taskId: string, attachmentId: string): string {
  return `${taskPrefix(userId, taskId)}${attachmentId}`;
}

/** Tag on objects uploaded but not yet completed; a bucket lifecycle rule deletes them after a day. */
export const PENDING_UPLOAD_TAG = { Key: 'upload', Value: 'pending' } as const;

export type StoredObject = { readonly size: number; readonly contentType: string | null; readonly lastModified: Date | null };

/** HeadObject: what storage really holds under the key, or null when nothing was uploaded. */
export async function headObject(key: string): Promise<StoredObject | null> {
  try {
    const head = await s3().send(new HeadObjectCommand({ Bucket: env().ATTACHMENTS_BUCKET, Key: key }));
    return { size: head.ContentLength ?? 0, contentType: head.ContentType ?? null, lastModified: head.LastModified ?? null };
  } catch (error) {
    if (error instanceof NotFound || error instanceof NoSuchKey) return null;
    throw error;
  }
}

/** The first bytes of an object (a ranged GET), enough to recognise a file format. */
export async function readFirstBytes(key: string, count: number): Promise<Uint8Array> {
  const response = await s3().send(
    new GetObjectCommand({ Bucket: env().ATTACHMENTS_BUCKET, Key: key, Range: `bytes=0-${count - 1}` }),
  );
  const bytes = (await response.Body?.transformToByteArray()) ?? new Uint8Array();
  return bytes.subarray(0, count);
}

/** A whole object (images are at most 5 MiB). */
export async function readObject(key: string): Promise<Uint8Array> {
  const response = await s3().send(new GetObjectCommand({ Bucket: env().ATTACHMENTS_BUCKET, Key: key }));
  return (await response.Body?.transformToByteArray()) ?? new Uint8Array();
}

export async function deleteObject(key: string): Promise<void> {
  await s3().send(new DeleteObjectCommand({ Bucket: env().ATTACHMENTS_BUCKET, Key: key }));
}

/** Removes the pending tag so the lifecycle rule keeps the object. */
export async function markUploadComplete(key: string): Promise<void> {
  await s3().send(new PutObjectTaggingCommand({ Bucket: env().ATTACHMENTS_BUCKET, Key: key, Tagging: { TagSet: [] } }));
}

/** Deletes every object under a prefix (but those `keep` spares), a listing page (≤ 1000 keys) at a time. */
export async function deleteObjectsUnder(prefix: string, keep: (key: string) => boolean = () => false): Promise<number> {
  const bucket = env().ATTACHMENTS_BUCKET;
  let deleted = 0;
  let token: ListObjectsV2CommandOutput['NextContinuationToken'];
  do {
    const page = await s3().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    const objects = (page.Contents ?? []).flatMap((object) => (object.Key && !keep(object.Key) ? [{ Key: object.Key }] : []));
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

/** Deletes the objects of every task the person created, except the tasks named in `keptTaskIds`. */
export function deleteObjectsOfCreator(userId: string, keptTaskIds: ReadonlySet<string>): Promise<number> {
  const prefix = userPrefix(userId);
  return deleteObjectsUnder(prefix, (key) => keptTaskIds.has(key.slice(prefix.length).split('/')[1] ?? ''));
}
