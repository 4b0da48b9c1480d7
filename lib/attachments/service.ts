import 'server-only';
import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, PayloadTooLargeError, QuotaExceededError, UnsupportedMediaTypeError } from '../errors';
import { attachmentDeleted, attachmentReady, type Actor } from '../events/build';
import { publishPending } from '../events/publisher';
import type { TaskEvent } from '../events/schema';
import type { Right } from '../lists/schema';
import * as repository from '../tasks/repository';
import { retryOnVersionConflict } from '../tasks/conflicts';
import type { Attachment, Task } from '../tasks/schema';
import { accessTask } from '../tasks/service';
import { removeAttachmentObjects } from './cleanup';
import { attachmentKey, stagingKey } from './keys';
import { labelStoredImage } from './label';
import { claimCompletion, isPendingUpload, releaseCompletion, releasePendingUpload, reservePendingUpload } from './pending';
import { presignUpload, UPLOAD_EXPIRES_SECONDS, type PresignedUpload } from './presign';
import { isImageType, MAX_ATTACHMENTS_PER_TASK, MAX_IMAGE_BYTES, MAX_PENDING_UPLOADS, type CreateAttachmentInput } from './schema';
import { signedViewUrl } from './sign-url';
import { copyObject, deleteObject, headObject, readFirstBytes } from './storage';
import { sniffImageType, SNIFF_BYTES } from './verify';

/**
 * Attachment rules: types, sizes and the per-task limit; uploads verified in storage before they are
 * trusted; labels from Rekognition. The list lives on the task item, written with its version. Who may
 * see or change them is the task's list's business (members see, editors change); objects live under
 * the task creator's prefix, so they stay put when the task moves to another list. Uploads land on a
 * one-time staging key and are copied to the served key by `complete` (lib/attachments/keys.ts); the
 * per-account pending-uploads quota and the completion claim live in lib/attachments/pending.ts.
 */

/** Pending uploads older than this were abandoned (the bucket's lifecycle rule deletes their objects too). */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;
/** Clock skew allowed between the app and storage when checking that an upload arrived in time. */
const CLOCK_SKEW_MS = 60 * 1000;
/** Longer than a completion takes (copy, verify, label); a completion that died frees the upload after it. */
const COMPLETION_LEASE_MS = 60 * 1000;

const NO_SUCH_ATTACHMENT = 'There is no such attachment.';
const REJECTED = 'This upload was rejected. Delete it and attach the image again.';

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

function pendingUploadsFull(): QuotaExceededError {
  return new QuotaExceededError(
    'pending-uploads',
    MAX_PENDING_UPLOADS,
    `An account has at most ${MAX_PENDING_UPLOADS} uploads waiting to complete. Finish or delete some first.`,
  );
}

/**
 * Registers a pending attachment and hands out a presigned POST for its one staging key. The quota is
 * taken first (the account whose storage holds the object: the task's creator) and given back if the
 * task refuses the attachment.
 */
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
  const owner = (await taskFor(actor.id, taskId, 'edit')).createdBy;
  const now = Date.now();
  if (!(await reservePendingUpload(owner, attachment.id, MAX_PENDING_UPLOADS, now, now - ABANDONED_AFTER_MS))) throw pendingUploadsFull();
  const abandoned: Attachment[] = [];
  try {
    await changeAttachments(actor.id, taskId, (task) => {
      const kept = task.attachments.filter((existing) => !isAbandoned(existing, now));
      abandoned.splice(0, abandoned.length, ...task.attachments.filter((existing) => isAbandoned(existing, now)));
      // Failed uploads stay visible until deleted but hold no slot; pending ones do.
      if (kept.filter((existing) => existing.status !== 'failed').length >= MAX_ATTACHMENTS_PER_TASK) {
        throw new ConflictError(`A task holds at most ${MAX_ATTACHMENTS_PER_TASK} images. Delete one to add another.`);
      }
      return { attachments: [...kept, attachment], result: () => undefined };
    });
  } catch (error) {
    await releasePendingUpload(owner, attachment.id);
    throw error;
  }
  await Promise.all(abandoned.map((old) => removeAttachmentObjects(owner, taskId, old.id)));
  const upload = await presignUpload(stagingKey(owner, attachment.id), attachment.contentType, input.size);
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

/** Discards a rejected upload (both copies) and marks the attachment failed; failed ones hold no quota. */
async function reject(userId: string, task: Task, attachment: Attachment, error: Error): Promise<never> {
  await removeAttachmentObjects(task.createdBy, task.id, attachment.id);
  await saveAttachment(userId, task.id, attachment.id, { status: 'failed', labels: [] });
  throw error;
}

/**
 * Moves the staged upload to the served key and checks what storage really holds there against what
 * was declared; returns its size. The checks run on the copy, which no presigned form can write, so a
 * re-post between check and copy changes nothing. A mismatch discards the upload.
 */
async function promoteUpload(userId: string, task: Task, attachment: Attachment): Promise<number> {
  const staged = stagingKey(task.createdBy, attachment.id);
  const final = attachmentKey(task.createdBy, task.id, attachment.id);
  const upload = await headObject(staged);
  if (upload) {
    // Storage enforces the POST policy's expiry in the cloud; an emulator may not, so check the arrival time too.
    const deadline = Date.parse(attachment.createdAt) + UPLOAD_EXPIRES_SECONDS * 1000 + CLOCK_SKEW_MS;
    if (upload.lastModified !== null && upload.lastModified.getTime() > deadline) {
      await reject(userId, task, attachment, new ConflictError('The upload arrived after its link expired; it was discarded.'));
    }
    await copyObject(staged, final, upload.etag);
    await deleteObject(staged);
  }
  // Without a staged object, a completion that died after its copy left the upload here already.
  const stored = await headObject(final);
  if (!stored) throw new ConflictError('The image has not been uploaded yet. Upload it, then complete it.');
  if (stored.size < 1 || stored.size > Math.min(attachment.size, MAX_IMAGE_BYTES)) {
    await reject(userId, task, attachment, new PayloadTooLargeError('The uploaded file is larger than declared; it was discarded.'));
  }
  const sniffed = sniffImageType(await readFirstBytes(final, SNIFF_BYTES));
  if (sniffed !== attachment.contentType || (stored.contentType !== null && stored.contentType !== attachment.contentType)) {
    await reject(userId, task, attachment, new UnsupportedMediaTypeError(`The uploaded file is not a ${attachment.contentType} image; it was discarded.`));
  }
  return stored.size;
}

/** Whether the attachment (or its task) no longer exists, whoever asks. */
async function isGone(task: Task, attachmentId: string): Promise<boolean> {
  const latest = await repository.findTask(task.createdBy, task.id);
  return !latest || !latest.attachments.some((candidate) => candidate.id === attachmentId);
}

/** What a `complete` that lost the claim answers: the attachment as the winner left it, or 409 while it works. */
async function settledAttachment(userId: string, task: Task, attachmentId: string): Promise<Attachment> {
  // The entry first: a winner saves the attachment ready before it drops the entry, never after.
  const stillPending = await isPendingUpload(task.createdBy, attachmentId);
  const attachment = findAttachment(await taskFor(userId, task.id, 'edit'), attachmentId);
  if (attachment.status === 'ready') return attachment;
  if (attachment.status === 'failed') throw new ConflictError(REJECTED);
  if (!stillPending) throw new ConflictError('This upload was abandoned. Delete it and attach the image again.');
  throw new ConflictError('This image is being completed; try again in a moment.');
}

/** Labels the stored image and saves it ready, with the events that saving makes (written with it). */
async function labelled(
  userId: string,
  taskId: string,
  attachment: Attachment,
  key: string,
  size: number,
  events?: (saved: SavedAttachment) => TaskEvent[],
): Promise<SavedAttachment> {
  const labels = await labelStoredImage(key, attachment.contentType);
  return saveAttachment(userId, taskId, attachment.id, { status: 'ready', size, labels: labels ?? [], labelling: labels === null ? 'failed' : 'done' }, events);
}

/**
 * Verifies the upload and moves it to its served key, then labels it. One completion at a time holds
 * the upload (a conditional write), so parallel calls copy, label and publish once; the others answer
 * with the outcome or 409. Idempotent: a ready attachment is returned as it is, except that one whose
 * labelling failed is labelled again.
 */
export async function completeAttachmentForUser(actor: Actor, taskId: string, attachmentId: string): Promise<Attachment> {
  const userId = actor.id;
  const task = await taskFor(userId, taskId, 'edit');
  const attachment = findAttachment(task, attachmentId);
  const key = attachmentKey(task.createdBy, taskId, attachment.id);
  if (attachment.status === 'failed') throw new ConflictError(REJECTED);
  if (attachment.status === 'ready') {
    return attachment.labelling === 'failed' ? (await labelled(userId, taskId, attachment, key, attachment.size)).attachment : attachment;
  }
  const now = Date.now();
  if (!(await claimCompletion(task.createdBy, attachment.id, now, now + COMPLETION_LEASE_MS))) return settledAttachment(userId, task, attachmentId);
  let saved: SavedAttachment;
  try {
    // Becoming ready is news (one event, written with the save); relabelling a ready image is not.
    const size = await promoteUpload(userId, task, attachment);
    saved = await labelled(userId, taskId, attachment, key, size, (ready) => [attachmentReady(actor, ready.task, ready.attachment)]);
  } catch (error) {
    // Deleted while it was being completed: its copy must not outlive it. Otherwise a retry may go on.
    if (await isGone(task, attachment.id)) await removeAttachmentObjects(task.createdBy, taskId, attachment.id);
    else await releaseCompletion(task.createdBy, attachment.id);
    throw error;
  }
  await releasePendingUpload(task.createdBy, attachment.id);
  return saved.attachment;
}

/** A short-lived URL to view the image. */
export async function viewUrlForUser(userId: string, taskId: string, attachmentId: string): Promise<string> {
  const task = await taskFor(userId, taskId, 'read');
  const attachment = findAttachment(task, attachmentId);
  if (attachment.status !== 'ready') throw new ConflictError('This image has not been uploaded yet.');
  return signedViewUrl(attachmentKey(task.createdBy, taskId, attachment.id), attachment.contentType, attachment.fileName);
}

/** Removes the attachment's objects, then the attachment from its task (a retry finishes a delete cut short). */
export async function deleteAttachmentForUser(actor: Actor, taskId: string, attachmentId: string): Promise<void> {
  const current = await taskFor(actor.id, taskId, 'edit');
  findAttachment(current, attachmentId);
  await removeAttachmentObjects(current.createdBy, taskId, attachmentId);
  await changeAttachments(actor.id, taskId, (latest) => {
    const attachment = findAttachment(latest, attachmentId);
    return {
      attachments: latest.attachments.filter((existing) => existing.id !== attachmentId),
      result: () => undefined,
      events: (saved) => [attachmentDeleted(actor, saved, attachment)],
    };
  });
}
