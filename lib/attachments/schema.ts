import { z } from 'zod';
import { isCleanLine } from '../text-rules';
import { NotFoundError } from '../errors';
import { taskIdSchema } from '../tasks/schema';
import { FILE_NAME_MAX } from './limits';

/** Limits and validation of attachment inputs (SPEC §1–§2). */

export { FILE_NAME_MAX, IMAGE_TYPES, isImageType, MAX_ATTACHMENTS_PER_TASK, MAX_IMAGE_BYTES, MAX_PENDING_UPLOADS, type ImageType } from './limits';

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
