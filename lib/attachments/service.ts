import 'server-only';
import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors';
import { attachmentDeleted, attachmentReady, type Actor } from '../events/build';
import { publishPending } from '../events/publisher';
import type { TaskEvent } from '../events/schema';
import type { Right } from '../lists/schema';
import * as repository from '../tasks/repository';
import { retryOnVersionConflict } from '../tasks/conflicts';
import type { Attachment, Task } from '../tasks/schema';
import { accessTask } from '../tasks/service';
import { labelStoredImage } from './label';
import { presignUpload, UPLOAD_EXPIRES_SECONDS, type PresignedUpload } from './presign';
import { isImageType, MAX_ATTACHMENTS_PER_TASK, MAX_IMAGE_BYTES, type CreateAttachmentInput } from './schema';
import { signedViewUrl } from './sign-url';
import { attachmentKey, deleteObject, headObject, markUploadComplete, readFirstBytes } from './storage';
import { sniffImageType, SNIFF_BYTES } from './verify';

/**
 * Attachment rules: types, sizes and the per-task limit; uploads verified in storage before they are
 * trusted; labels from Rekognition. The list lives on the task item, written with its version. Who may
 * see or change them is the task's list's business (members see, editors change); objects live under
 * the task creator's prefix, so they stay put when the task moves to another list.
 */

/** Pending uploads older than this were abandoned (the bucket's lifecycle rule deletes their objects too). */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;
/** Clock skew allowed between the app and storage when checking that an upload arrived in time. */
const CLOCK_SKEW_MS = 60 * 1000;

const NO_SUCH_ATTACHMENT = 'There is no such attachment.';

function findAttachment(task: Task, attachmentId: string): Attachment {
  const attachment = task.attachments.find((candidate) => candidate.id === attachmentId);
  if (!attachment) throw new NotFoundError(NO_SUCH_ATTACHMENT);
  return attachment;
}

/** The task, if the caller has the right on its list. */
async function taskFor(userId: string, taskId: string, right: Right): Promise<Task> {
  return (await accessTask(userId, taskId, right)).task;
}

/**
 * Read, change, conditional write; if another write slipped in, read again and redo the change.
 * `change` returns the new list plus what to hand back and the events the change makes (written with
 * it, published after it), or throws an AppError.
 */
async function changeAttachments<R>(
  userId: string,
  taskId: string,
  change: (task: Task) => { attachments: readonly Attachment[]; result: (saved: Task) => R; events?: (saved: Task) => TaskEvent[] },
): Promise<R> {
  const { value, pending } = await retryOnVersionConflict(async () => {
    const task = await taskFor(userId, taskId, 'edit');
    const { attachments, result, events } = change(task);
    const next: Task = { ...task, attachments: [...attachments], updatedAt: new Date().toISOString(), version: task.version + 1 };
    const pending = await repository.saveTask(next, task.version, events?.(next) ?? []);
    return { value: result(next), pending };
  });
  await publishPending(pending);
  return value;
}

function isAbandoned(attachment: Attachment, now: number): boolean {
  return attachment.status === 'pending' && now - Date.parse(attachment.createdAt) > ABANDONED_AFTER_MS;
}

export type NewAttachment = { readonly attachment: Attachment; readonly upload: PresignedUpload };

/** Registers a pending attachment and hands out a presigned POST for its one key. */
export async function createAttachmentForUser(actor: Actor, taskId: string, input: CreateAttachmentInput): Promise<NewAttachment> {
  if (!isImageType(input.contentType)) {
    throw new UnsupportedMediaTypeError('Attach a JPEG, PNG, WebP or GIF image.');
  }
  if (input.size > MAX_IMAGE_BYTES) throw new PayloadTooLargeError('Images are at most 5 MiB.');
  const attachment: Attachment = {
    id: randomUUID(),
    fileName: input.fileName,
    contentType: input.contentType,
    size: input.size,
    status: 'pending',
    labels: [],
    labelling: 'pending',
    createdAt: new Date().toISOString(),
  };
  const abandoned: Attachment[] = [];
  const owner = await changeAttachments(actor.id, taskId, (task) => {
    const now = Date.now();
    const kept = task.attachments.filter((existing) => !isAbandoned(existing, now));
    abandoned.splice(0, abandoned.length, ...task.attachments.filter((existing) => isAbandoned(existing, now)));
    // Failed uploads stay visible until deleted but hold no slot; pending ones do.
    if (kept.filter((existing) => existing.status !== 'failed').length >= MAX_ATTACHMENTS_PER_TASK) {
      throw new ConflictError(`A task holds at most ${MAX_ATTACHMENTS_PER_TASK} images. Delete one to add another.`);
    }
    return { attachments: [...kept, attachment], result: (saved) => saved.createdBy };
  });
  await Promise.all(abandoned.map((old) => deleteObject(attachmentKey(owner, taskId, old.id))));
  const upload = await presignUpload(attachmentKey(owner, taskId, attachment.id), attachment.contentType, input.size);
  return { attachment, upload };
}

type SavedAttachment = { readonly task: Task; readonly attachment: Attachment };

/** Stores the outcome of a completion on the attachment, if it still exists, with the events it makes. */
function saveAttachment(
  userId: string,
  taskId: string,
  attachmentId: string,
  fields: Partial<Attachment>,
  events?: (saved: SavedAttachment) => TaskEvent[],
): Promise<SavedAttachment> {
  const savedOf = (saved: Task): SavedAttachment => ({ task: saved, attachment: findAttachment(saved, attachmentId) });
  return changeAttachments(userId, taskId, (task) => {
    findAttachment(task, attachmentId);
    return {
      attachments: task.attachments.map((existing) => (existing.id === attachmentId ? { ...existing, ...fields } : existing)),
      result: savedOf,
      ...(events ? { events: (saved: Task) => events(savedOf(saved)) } : {}),
    };
  });
}

async function reject(userId: string, taskId: string, attachment: Attachment, key: string, error: Error): Promise<never> {
  await deleteObject(key);
  await saveAttachment(userId, taskId, attachment.id, { status: 'failed', labels: [] });
  throw error;
}

/** Checks what storage really holds against what was declared; a mismatch deletes the object. */
async function verifyUpload(userId: string, taskId: string, attachment: Attachment, key: string): Promise<number> {
  const stored = await headObject(key);
  if (!stored) throw new ConflictError('The image has not been uploaded yet. Upload it, then complete it.');
  // Storage enforces the POST policy's expiry in the cloud; an emulator may not, so check the arrival time too.
  const deadline = Date.parse(attachment.createdAt) + UPLOAD_EXPIRES_SECONDS * 1000 + CLOCK_SKEW_MS;
  if (stored.lastModified !== null && stored.lastModified.getTime() > deadline) {
    await reject(userId, taskId, attachment, key, new ConflictError('The upload arrived after its link expired; it was discarded.'));
  }
  if (stored.size < 1 || stored.size > Math.min(attachment.size, MAX_IMAGE_BYTES)) {
    await reject(userId, taskId, attachment, key, new PayloadTooLargeError('The uploaded file is larger than declared; it was discarded.'));
  }
  const sniffed = sniffImageType(await readFirstBytes(key, SNIFF_BYTES));
  if (sniffed !== attachment.contentType || (stored.contentType !== null && stored.contentType !== attachment.contentType)) {
    await reject(userId, taskId, attachment, key, new UnsupportedMediaTypeError(`The uploaded file is not a ${attachment.contentType} image; it was discarded.`));
  }
  return stored.size;
}

/**
 * Verifies the upload in storage, then labels it. Idempotent: a ready attachment is returned as it is,
 * except that one whose labelling failed is labelled again.
 */
export async function completeAttachmentForUser(actor: Actor, taskId: string, attachmentId: string): Promise<Attachment> {
  const userId = actor.id;
  const task = await taskFor(userId, taskId, 'edit');
  const attachment = findAttachment(task, attachmentId);
  const key = attachmentKey(task.createdBy, taskId, attachment.id);
  if (attachment.status === 'failed') {
    throw new ConflictError('This upload was rejected. Delete it and attach the image again.');
  }
  if (attachment.status === 'ready' && attachment.labelling !== 'failed') return attachment;
  let size = attachment.size;
  if (attachment.status === 'pending') {
    size = await verifyUpload(userId, taskId, attachment, key);
    await markUploadComplete(key);
  }
  const labels = await labelStoredImage(key, attachment.contentType);
  // Relabelling an image that was already ready is not news; becoming ready is.
  const becameReady = attachment.status === 'pending';
  const saved = await saveAttachment(
    userId,
    taskId,
    attachment.id,
    { status: 'ready', size, labels: labels ?? [], labelling: labels === null ? 'failed' : 'done' },
    becameReady ? (ready) => [attachmentReady(actor, ready.task, ready.attachment)] : undefined,
  );
  return saved.attachment;
}

/** A short-lived URL to view the image. */
export async function viewUrlForUser(userId: string, taskId: string, attachmentId: string): Promise<string> {
  const task = await taskFor(userId, taskId, 'read');
  const attachment = findAttachment(task, attachmentId);
  if (attachment.status !== 'ready') throw new ConflictError('This image has not been uploaded yet.');
  return signedViewUrl(attachmentKey(task.createdBy, taskId, attachment.id), attachment.contentType, attachment.fileName);
}

/** Removes the attachment from its task, then its object. */
export async function deleteAttachmentForUser(actor: Actor, taskId: string, attachmentId: string): Promise<void> {
  const task = await changeAttachments(actor.id, taskId, (current) => {
    const attachment = findAttachment(current, attachmentId);
    return {
      attachments: current.attachments.filter((existing) => existing.id !== attachmentId),
      result: (saved) => saved,
      events: (saved) => [attachmentDeleted(actor, saved, attachment)],
    };
  });
  await deleteObject(attachmentKey(task.createdBy, taskId, attachmentId));
}
