import { z } from 'zod';
import { isCleanLine } from '../text-rules';
import { NotFoundError } from '../errors';
import { taskIdSchema } from '../tasks/schema';

/** Limits and validation of attachment inputs (SPEC §1–§2). */

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

/**
 * Shape only: the content type and size are checked by the service afterwards, so that a wrong type
 * answers 415 and a too large file 413 rather than a generic 400.
 */
export const createAttachmentSchema = z.strictObject({
  fileName: z
    .string({ error: 'Give the file name.' })
    .trim()
    .min(1, 'Give the file name.')
    .max(FILE_NAME_MAX, `File names are at most ${FILE_NAME_MAX} characters.`)
    .refine(isCleanLine, 'File names cannot contain control characters or text-direction overrides.'),
  contentType: z.string({ error: 'Give the content type.' }).trim().toLowerCase().min(1, 'Give the content type.').max(100),
  size: z
    .number({ error: 'size is the file size in bytes.' })
    .int('size is the file size in bytes.')
    .min(1, 'The file is empty.'),
});
export type CreateAttachmentInput = z.infer<typeof createAttachmentSchema>;

export const attachmentIdSchema = z.uuid();

/** Ids are UUIDs we issued; anything else cannot name a task or an attachment, so it is simply not found. */
export function attachmentIdsFrom(params: { id: string; aid: string }): { taskId: string; attachmentId: string } {
  const taskId = taskIdSchema.safeParse(params.id);
  const attachmentId = attachmentIdSchema.safeParse(params.aid);
  if (!taskId.success || !attachmentId.success) throw new NotFoundError('There is no such attachment.');
  return { taskId: taskId.data, attachmentId: attachmentId.data };
}
