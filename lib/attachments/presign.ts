import 'server-only';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { s3 } from '../aws/s3';
import { env } from '../env';

/** How long a browser has to start its upload. */
export const UPLOAD_EXPIRES_SECONDS = 300;

export type PresignedUpload = { readonly url: string; readonly fields: Record<string, string>; readonly expiresAt: string };

/**
 * A presigned POST for exactly one staging key (lib/attachments/keys.ts): the policy pins the key,
 * the content type and the size range. Every field is also a condition.
 */
export async function presignUpload(key: string, contentType: string, maxBytes: number): Promise<PresignedUpload> {
  const expiresAt = new Date(Date.now() + UPLOAD_EXPIRES_SECONDS * 1000);
  const { url, fields } = await createPresignedPost(s3(), {
    Bucket: env().ATTACHMENTS_BUCKET,
    Key: key,
    Conditions: [['content-length-range', 1, maxBytes]],
    Fields: { 'Content-Type': contentType },
    Expires: UPLOAD_EXPIRES_SECONDS,
  });
  return { url, fields, expiresAt: expiresAt.toISOString() };
}
