import 'server-only';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NotFound,
  NoSuchKey,
  type ListObjectsV2CommandOutput,
} from '@aws-sdk/client-s3';
import { s3 } from '../aws/s3';
import { env } from '../env';
import { userPrefix } from './keys';

/** S3 calls on the attachments bucket; which key is which is lib/attachments/keys.ts's business. */

export type StoredObject = {
  readonly size: number;
  readonly contentType: string | null;
  readonly lastModified: Date | null;
  readonly etag: string | null;
};

/** HeadObject: what storage really holds under the key, or null when nothing was uploaded. */
export async function headObject(key: string): Promise<StoredObject | null> {
  try {
    const head = await s3().send(new HeadObjectCommand({ Bucket: env().ATTACHMENTS_BUCKET, Key: key }));
    return { size: head.ContentLength ?? 0, contentType: head.ContentType ?? null, lastModified: head.LastModified ?? null, etag: head.ETag ?? null };
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

/**
 * Copies `from` to `to` with its content type. With `etag`, only the very object that was looked at:
 * a form re-posted in between makes the copy fail (real S3; s3rver ignores the condition), so what
 * lands under `to` is always verified there afterwards too.
 */
export async function copyObject(from: string, to: string, etag: string | null): Promise<void> {
  const bucket = env().ATTACHMENTS_BUCKET;
  await s3().send(
    new CopyObjectCommand({
      Bucket: bucket,
      Key: to,
      CopySource: `${bucket}/${from.split('/').map(encodeURIComponent).join('/')}`,
      ...(etag ? { CopySourceIfMatch: etag } : {}),
    }),
  );
}

/** Whether an object may stay, from its key and when it was written. */
export type KeepObject = (key: string, lastModified: Date | null) => boolean;

/** Deletes every object under a prefix (but those `keep` spares), a listing page (≤ 1000 keys) at a time. */
export async function deleteObjectsUnder(prefix: string, keep: KeepObject = () => false): Promise<number> {
  const bucket = env().ATTACHMENTS_BUCKET;
  let deleted = 0;
  let token: ListObjectsV2CommandOutput['NextContinuationToken'];
  do {
    const page = await s3().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    const objects = (page.Contents ?? []).flatMap((object) =>
      object.Key && !keep(object.Key, object.LastModified ?? null) ? [{ Key: object.Key }] : [],
    );
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
