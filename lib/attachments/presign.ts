import 'server-only';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { s3 } from '../aws/s3';
import { env } from '../env';
import { PENDING_UPLOAD_TAG } from './storage';

/** How long a browser has to start its upload. */
export const UPLOAD_EXPIRES_SECONDS = 300;

export type PresignedUpload = { readonly url: string; readonly fields: Record<string, string>; readonly expiresAt: string };

const PENDING_TAGGING = `<Tagging><TagSet><Tag><Key>${PENDING_UPLOAD_TAG.Key}</Key><Value>${PENDING_UPLOAD_TAG.Value}</Value></Tag></TagSet></Tagging>`;

/**
 * A presigned POST for exactly one key: the policy pins the key, the content type and the size range,
 * and tags the object as pending (so an abandoned upload expires). Every field is also a condition.
 */
export async function presignUpload(key: string, contentType: string, maxBytes: number): Promise<PresignedUpload> {
  const expiresAt = new Date(Date.now() + UPLOAD_EXPIRES_SECONDS * 1000);
  const { url, fields } = await createPresignedPost(s3(), {
    Bucket: env().ATTACHMENTS_BUCKET,
    Key: key,
    Conditions: [['content-length-range', 1, maxBytes]],
    Fields: { 'Content-Type': contentType, tagging: PENDING_TAGGING },
    Expires: UPLOAD_EXPIRES_SECONDS,
  });
  return { url, fields, expiresAt: expiresAt.toISOString() };
}
