'use client';

import { useQueryClient } from '@tanstack/react-query';
import { AppLink } from '@/components/ui/app-link';
import { useId, useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import { MAX_ATTACHMENTS_PER_TASK } from '@/lib/attachments/limits';
import { ApiError } from '@/lib/client/api';
import { attachmentPath, sendAttachmentDelete } from '@/lib/client/task-attachments-api';
import { editCachedAttachments } from '@/lib/query/task-cache';
import type { TaskFilters } from '@/lib/query/task-filters';
import { taskKeys } from '@/lib/query/task-queries';
import type { Attachment, Label, Task } from '@/lib/tasks/schema';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { tasksHref } from './tasks-href';
import { ACCEPTED_IMAGE_TYPES, MAX_IMAGE_MIB, problemText, useAttachmentUploads } from './use-attachment-uploads';
import styles from './tasks.module.css';

/** "Dog 95%". */
function labelText(label: Label): string {
  return `${label.name} ${Math.round(label.confidence)}%`;
}

/** Alt text from the labels: "Photo: Dog, Animal", or "Photo with no labels yet". */
export function altText(attachment: Attachment): string {
  return attachment.labels.length > 0 ? `Photo: ${attachment.labels.map((label) => label.name).join(', ')}` : 'Photo with no labels yet';
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
  const { uploads, messages, addFiles, addMessage } = useAttachmentUploads(task);
  const [dragging, setDragging] = useState(false);
  const [viewing, setViewing] = useState<Attachment | null>(null);
  const [deleting, setDeleting] = useState<Attachment | null>(null);
  const [deletePending, setDeletePending] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const focusInputAfterDelete = useRef(false);

  const title = task.title;

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
    if (!disabled) addFiles(Array.from(event.dataTransfer.files));
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
                      <AppLink
                        href={tasksHref({ ...filters, label: label.name.toLowerCase() })}
                        prefetch={false}
                        scroll={false}
                        className={styles.labelChip}
                        aria-current={filters.label === label.name.toLowerCase() ? 'true' : undefined}
                      >
                        <span className="visually-hidden">Show tasks labelled </span>
                        {labelText(label)}
                      </AppLink>
                    </li>
                  ))}
                </ul>
              ) : null}
              {attachment.labelling === 'failed' ? <p className={styles.labelFailure}>Labels could not be read for this photo.</p> : null}
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
            accept={ACCEPTED_IMAGE_TYPES}
            multiple
            disabled={disabled}
            aria-describedby={hintId}
            onChange={handlePick}
          />
          <span id={hintId} className={styles.dropHint}>
            or drop them here. JPEG, PNG, WebP or GIF, up to {MAX_IMAGE_MIB} MiB, {MAX_ATTACHMENTS_PER_TASK} per task.
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
