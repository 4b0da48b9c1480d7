'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useId, useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import { ApiError } from '@/lib/client/api';
import { attachmentPath, postAttachment, postAttachmentComplete, sendAttachmentDelete } from '@/lib/client/task-attachments-api';
import type { PresignedUpload } from '@/lib/client/task-guards';
import { IMAGE_TYPES, isImageType, MAX_ATTACHMENTS_PER_TASK, MAX_IMAGE_BYTES } from '@/lib/attachments/limits';
import { editCachedAttachments } from '@/lib/query/task-cache';
import { taskKeys, type TaskFilters } from '@/lib/query/task-queries';
import type { Attachment, Label, Task } from '@/lib/tasks/schema';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { tasksHref } from './tasks-href';
import styles from './tasks.module.css';

type Upload = {
  readonly key: number;
  readonly fileName: string;
  /** 0–100. */
  readonly percent: number;
  readonly stage: 'uploading' | 'labelling';
};

type Message = { readonly key: number; readonly text: string };

let uploadKeys = 0;

/** "Dog 95%". */
function labelText(label: Label): string {
  return `${label.name} ${Math.round(label.confidence)}%`;
}

/** Alt text from the labels: "Photo: Dog, Animal", or "Photo with no labels yet". */
export function altText(attachment: Attachment): string {
  return attachment.labels.length > 0 ? `Photo: ${attachment.labels.map((label) => label.name).join(', ')}` : 'Photo with no labels yet';
}

function problemText(error: unknown): string {
  if (error instanceof ApiError) return error.detail || error.title;
  if (error instanceof Error) return error.message;
  return 'Something went wrong. Try again in a moment.';
}

/** The browser's multipart POST straight to storage (signed fields first, the file last), with progress. */
function postToStorage(upload: PresignedUpload, file: File, onProgress: (percent: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
    form.append('file', file);
    const request = new XMLHttpRequest();
    request.open('POST', upload.url);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) resolve();
      else reject(new Error(`Storage refused the upload (HTTP ${request.status}). Try again.`));
    };
    request.onerror = () => reject(new Error('The upload failed. Check your connection and try again.'));
    request.onabort = () => reject(new Error('The upload was cancelled.'));
    request.send(form);
  });
}

type TaskAttachmentsProps = {
  readonly task: Task;
  readonly filters: TaskFilters;
  readonly disabled: boolean;
  /** A viewer's: the photos and labels show, attaching and deleting do not. */
  readonly readOnly?: boolean;
};

/** Photos of one task: picker and drop zone, per-file progress, thumbnails with labels, viewer and delete. */
export function TaskAttachments({ task, filters, disabled, readOnly = false }: TaskAttachmentsProps) {
  const queryClient = useQueryClient();
  const inputId = useId();
  const hintId = useId();
  const [uploads, setUploads] = useState<readonly Upload[]>([]);
  const [messages, setMessages] = useState<readonly Message[]>([]);
  const [dragging, setDragging] = useState(false);
  const [viewing, setViewing] = useState<Attachment | null>(null);
  const [deleting, setDeleting] = useState<Attachment | null>(null);
  const [deletePending, setDeletePending] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const focusInputAfterDelete = useRef(false);

  const title = task.title;

  function addMessage(text: string) {
    uploadKeys += 1;
    const key = uploadKeys;
    setMessages((current) => [...current, { key, text }]);
  }

  function setUpload(key: number, change: Partial<Upload>) {
    setUploads((current) => current.map((upload) => (upload.key === key ? { ...upload, ...change } : upload)));
  }

  async function uploadOne(file: File, key: number) {
    let started: Attachment | null = null;
    try {
      const { attachment, upload } = await postAttachment(task.id, {
        fileName: file.name || 'image',
        contentType: file.type,
        size: file.size,
      });
      started = attachment;
      await postToStorage(upload, file, (percent) => setUpload(key, { percent }));
      setUpload(key, { percent: 100, stage: 'labelling' });
      const ready = await postAttachmentComplete(task.id, attachment.id);
      editCachedAttachments(queryClient, task.id, (list) => [...list.filter((item) => item.id !== ready.id), ready]);
      void queryClient.invalidateQueries({ queryKey: taskKeys.lists() });
    } catch (error) {
      addMessage(`“${file.name}” was not attached. ${problemText(error)}`);
      if (started) {
        const id = started.id;
        void sendAttachmentDelete(task.id, id).catch(() => undefined);
      }
    } finally {
      setUploads((current) => current.filter((upload) => upload.key !== key));
    }
  }

  function addFiles(files: readonly File[]) {
    if (files.length === 0) return;
    setMessages([]);
    let room = MAX_ATTACHMENTS_PER_TASK - task.attachments.length - uploads.length;
    const accepted: { file: File; upload: Upload }[] = [];
    for (const file of files) {
      if (!isImageType(file.type)) {
        addMessage(`“${file.name}” is not a JPEG, PNG, WebP or GIF image.`);
      } else if (file.size > MAX_IMAGE_BYTES) {
        addMessage(`“${file.name}” is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MiB.`);
      } else if (file.size === 0) {
        addMessage(`“${file.name}” is empty.`);
      } else if (room <= 0) {
        addMessage(`“${file.name}” was not attached: a task holds at most ${MAX_ATTACHMENTS_PER_TASK} images.`);
      } else {
        room -= 1;
        uploadKeys += 1;
        accepted.push({ file, upload: { key: uploadKeys, fileName: file.name, percent: 0, stage: 'uploading' } });
      }
    }
    if (accepted.length === 0) return;
    setUploads((current) => [...current, ...accepted.map((item) => item.upload)]);
    for (const { file, upload } of accepted) void uploadOne(file, upload.key);
  }

  function handlePick(event: ChangeEvent<HTMLInputElement>) {
    addFiles(Array.from(event.target.files ?? []));
    event.target.value = '';
  }

  function handleDragOver(event: DragEvent<HTMLDivElement>) {
    if (disabled) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  }

  function handleDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    if (disabled) return;
    addFiles(Array.from(event.dataTransfer.files));
  }

  async function confirmDelete() {
    const target = deleting;
    if (!target) return;
    setDeletePending(true);
    try {
      await sendAttachmentDelete(task.id, target.id);
      focusInputAfterDelete.current = true;
      editCachedAttachments(queryClient, task.id, (list) => list.filter((item) => item.id !== target.id));
      void queryClient.invalidateQueries({ queryKey: taskKeys.lists() });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        editCachedAttachments(queryClient, task.id, (list) => list.filter((item) => item.id !== target.id));
      } else {
        addMessage(`The photo could not be deleted. ${problemText(error)}`);
      }
    } finally {
      setDeletePending(false);
      setDeleting(null);
    }
  }

  const shown = task.attachments.filter((attachment) => attachment.status !== 'failed');

  return (
    <div className={styles.attachments}>
      {shown.length > 0 ? (
        <ul className={styles.thumbnails} aria-label={`Photos of “${title}”`}>
          {shown.map((attachment) => (
            <li key={attachment.id} className={styles.thumbnail}>
              {attachment.status === 'ready' ? (
                <button type="button" className={styles.thumbnailButton} onClick={() => setViewing(attachment)}>
                  <span className="visually-hidden">View </span>
                  {/* eslint-disable-next-line @next/next/no-img-element -- a redirect to a short-lived signed URL, not for next/image */}
                  <img
                    src={attachmentPath(task.id, attachment.id)}
                    alt={altText(attachment)}
                    loading="lazy"
                    decoding="async"
                    width={96}
                    height={96}
                    className={styles.thumbnailImage}
                  />
                </button>
              ) : (
                <span className={styles.thumbnailPending}>Processing…</span>
              )}
              {attachment.labels.length > 0 ? (
                <ul className={styles.labels} aria-label="Labels">
                  {attachment.labels.map((label) => (
                    <li key={label.name}>
                      <Link
                        href={tasksHref({ ...filters, label: label.name.toLowerCase() })}
                        prefetch={false}
                        scroll={false}
                        className={styles.labelChip}
                        aria-current={filters.label === label.name.toLowerCase() ? 'true' : undefined}
                      >
                        <span className="visually-hidden">Show tasks labelled </span>
                        {labelText(label)}
                      </Link>
                    </li>
                  ))}
                </ul>
              ) : null}
              {readOnly ? null : (
                <Button variant="ghost" className={styles.thumbnailDelete} disabled={disabled} onClick={() => setDeleting(attachment)}>
                  Delete photo<span className="visually-hidden"> {attachment.fileName}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : null}

      {uploads.length > 0 ? (
        <ul className={styles.uploads} aria-label={`Uploads to “${title}”`}>
          {uploads.map((upload) => (
            <li key={upload.key} className={styles.upload}>
              <span className={styles.uploadName}>
                {upload.fileName}: {upload.stage === 'uploading' ? `${upload.percent}%` : 'labelling…'}
              </span>
              <progress max={100} value={upload.percent} aria-label={`Uploading ${upload.fileName}`} className={styles.progress} />
            </li>
          ))}
        </ul>
      ) : null}

      {messages.length > 0 ? (
        <div role="alert" className={styles.attachmentErrors}>
          {messages.map((message) => (
            <p key={message.key}>{message.text}</p>
          ))}
        </div>
      ) : null}

      {readOnly ? null : (
        <div
          className={dragging ? `${styles.dropZone} ${styles.dropZoneActive}` : styles.dropZone}
          data-drop-zone=""
          onDragOver={handleDragOver}
          onDragEnter={handleDragOver}
          onDragLeave={() => setDragging(false)}
          onDrop={handleDrop}
        >
          <label htmlFor={inputId} className={styles.attachLabel}>
            Attach images<span className="visually-hidden"> to “{title}”</span>
          </label>
          <input
            ref={inputRef}
            id={inputId}
            type="file"
            className={styles.fileInput}
            accept={IMAGE_TYPES.join(',')}
            multiple
            disabled={disabled}
            aria-describedby={hintId}
            onChange={handlePick}
          />
          <span id={hintId} className={styles.dropHint}>
            or drop them here. JPEG, PNG, WebP or GIF, up to {MAX_IMAGE_BYTES / 1024 / 1024} MiB, {MAX_ATTACHMENTS_PER_TASK} per task.
          </span>
        </div>
      )}

      <Dialog
        open={viewing !== null}
        onClose={() => setViewing(null)}
        title={viewing ? altText(viewing) : 'Photo'}
        description={viewing ? viewing.fileName : undefined}
      >
        {viewing ? (
          <>
            {/* eslint-disable-next-line @next/next/no-img-element -- a redirect to a short-lived signed URL, not for next/image */}
            <img src={attachmentPath(task.id, viewing.id)} alt={altText(viewing)} className={styles.viewerImage} />
            {viewing.labels.length > 0 ? (
              <ul className={styles.labels} aria-label="Labels">
                {viewing.labels.map((label) => (
                  <li key={label.name} className={styles.labelChip}>
                    {labelText(label)}
                  </li>
                ))}
              </ul>
            ) : (
              <p>No labels yet.</p>
            )}
            <div className="button-row">
              <Button variant="secondary" data-autofocus onClick={() => setViewing(null)}>
                Close
              </Button>
            </div>
          </>
        ) : null}
      </Dialog>

      <Dialog
        open={deleting !== null}
        onClose={() => {
          setDeleting(null);
          if (focusInputAfterDelete.current) {
            focusInputAfterDelete.current = false;
            inputRef.current?.focus();
          }
        }}
        title="Delete this photo?"
        description={deleting ? `“${deleting.fileName}” will be removed from “${title}”. This cannot be undone.` : undefined}
        dismissible={!deletePending}
      >
        <div className="button-row">
          <Button variant="danger" pending={deletePending} pendingLabel="Deleting…" onClick={() => void confirmDelete()}>
            Delete photo
          </Button>
          <Button variant="secondary" data-autofocus disabled={deletePending} onClick={() => setDeleting(null)}>
            Cancel
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
