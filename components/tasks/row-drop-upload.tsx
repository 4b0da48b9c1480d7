'use client';

import { useEffect, useRef } from 'react';
import type { Task } from '@/lib/tasks/schema';
import { useAttachmentUploads } from './use-attachment-uploads';
import styles from './task-row.module.css';

export type DroppedFiles = { readonly key: number; readonly files: readonly File[] };

/**
 * Uploads the files dropped on a row and says how it goes. Loaded on the first drop, so the list's
 * first load does not carry the upload code.
 */
export function RowDropUpload({ task, dropped }: { readonly task: Task; readonly dropped: DroppedFiles }) {
  const { uploads, messages, addFiles } = useAttachmentUploads(task);
  const handled = useRef<number | null>(null);

  useEffect(() => {
    if (handled.current === dropped.key) return;
    handled.current = dropped.key;
    addFiles(dropped.files);
  }, [dropped, addFiles]);

  return (
    <>
      {uploads.length > 0 ? (
        <p role="status" className={styles.note}>
          Attaching {uploads.map((upload) => upload.fileName).join(', ')}…
        </p>
      ) : null}
      {messages.length > 0 ? (
        <div role="alert" className={styles.problem}>
          {messages.map((message) => (
            <p key={message.key}>{message.text}</p>
          ))}
        </div>
      ) : null}
    </>
  );
}
