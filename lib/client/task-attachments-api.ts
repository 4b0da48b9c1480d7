import type { Attachment } from '@/lib/tasks/schema';
import { apiFetch } from './api';
import { expectShape } from './response-guards';
import { isAttachment, isStartedUpload, type StartedUpload } from './task-guards';
import { taskPath } from './tasks-api';

/** The HTTP calls of a task's photos: start an upload, confirm it, delete, and where one is shown. */

function attachmentsPath(taskId: string): string {
  return `${taskPath(taskId)}/attachments`;
}

/** Where the image is shown: the app answers with a redirect to a short-lived signed URL. */
export function attachmentPath(taskId: string, attachmentId: string): string {
  return `${attachmentsPath(taskId)}/${encodeURIComponent(attachmentId)}`;
}

export async function postAttachment(taskId: string, file: { fileName: string; contentType: string; size: number }): Promise<StartedUpload> {
  return expectShape(await apiFetch(attachmentsPath(taskId), { method: 'POST', body: file }), isStartedUpload, 'an upload');
}

export async function postAttachmentComplete(taskId: string, attachmentId: string): Promise<Attachment> {
  return expectShape(await apiFetch(`${attachmentPath(taskId, attachmentId)}/complete`, { method: 'POST' }), isAttachment, 'a photo');
}

export async function sendAttachmentDelete(taskId: string, attachmentId: string): Promise<void> {
  await apiFetch(attachmentPath(taskId, attachmentId), { method: 'DELETE' });
}
