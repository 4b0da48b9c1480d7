/**
 * The limits of attachments, zod-free: lib/attachments/schema.ts validates with them and the browser
 * checks a picked or dropped file against the same numbers before it uploads.
 */

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_TASK = 10;
/** Uploads an account has started and not completed (SPEC §6.4), counted in lib/attachments/pending.ts. */
export const MAX_PENDING_UPLOADS = 100;
export const FILE_NAME_MAX = 255;

export function isImageType(value: string): value is ImageType {
  return (IMAGE_TYPES as readonly string[]).includes(value);
}
