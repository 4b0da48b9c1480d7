'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { IMAGE_TYPES, isImageType, MAX_ATTACHMENTS_PER_TASK, MAX_IMAGE_BYTES } from '@/lib/attachments/limits';
import { ApiError } from '@/lib/client/api';
import { postAttachment, postAttachmentComplete, sendAttachmentDelete } from '@/lib/client/task-attachments-api';
import type { PresignedUpload } from '@/lib/client/task-guards';
import { editCachedAttachments } from '@/lib/query/task-cache';
import { taskKeys } from '@/lib/query/task-queries';
import type { Task } from '@/lib/tasks/schema';

/** Uploading photos to a task: checks against the shared limits, a signed POST to storage, then labelling. */

export type Upload = {
  readonly key: number;
  readonly fileName: string;
  /** 0–100. */
  readonly percent: number;
  readonly stage: 'uploading' | 'labelling';
};

export type UploadMessage = { readonly key: number; readonly text: string };

export const MAX_IMAGE_MIB = MAX_IMAGE_BYTES / 1024 / 1024;
export const ACCEPTED_IMAGE_TYPES = IMAGE_TYPES.join(',');

let uploadKeys = 0;

export function problemText(error: unknown): string {
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

/** Why a file cannot be attached, or null when it may be. */
function refusal(file: File, room: number): string | null {
  if (!isImageType(file.type)) return `“${file.name}” is not a JPEG, PNG, WebP or GIF image.`;
  if (file.size > MAX_IMAGE_BYTES) return `“${file.name}” is larger than ${MAX_IMAGE_MIB} MiB.`;
  if (file.size === 0) return `“${file.name}” is empty.`;
  if (room <= 0) return `“${file.name}” was not attached: a task holds at most ${MAX_ATTACHMENTS_PER_TASK} images.`;
  return null;
}

export function useAttachmentUploads(task: Task) {
  const queryClient = useQueryClient();
  const [uploads, setUploads] = useState<readonly Upload[]>([]);
  const [messages, setMessages] = useState<readonly UploadMessage[]>([]);

  function addMessage(text: string) {
    uploadKeys += 1;
    const key = uploadKeys;
    setMessages((current) => [...current, { key, text }]);
  }

  function setUpload(key: number, change: Partial<Upload>) {
    setUploads((current) => current.map((upload) => (upload.key === key ? { ...upload, ...change } : upload)));
  }

  async function uploadOne(file: File, key: number) {
    let startedId: string | null = null;
    try {
      const { attachment, upload } = await postAttachment(task.id, { fileName: file.name || 'image', contentType: file.type, size: file.size });
      startedId = attachment.id;
      await postToStorage(upload, file, (percent) => setUpload(key, { percent }));
      setUpload(key, { percent: 100, stage: 'labelling' });
      const ready = await postAttachmentComplete(task.id, attachment.id);
      editCachedAttachments(queryClient, task.id, (list) => [...list.filter((item) => item.id !== ready.id), ready]);
      void queryClient.invalidateQueries({ queryKey: taskKeys.lists() });
    } catch (error) {
      addMessage(`“${file.name}” was not attached. ${problemText(error)}`);
      const id = startedId;
      if (id) void sendAttachmentDelete(task.id, id).catch(() => undefined);
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
      const problem = refusal(file, room);
      if (problem) {
        addMessage(problem);
        continue;
      }
      room -= 1;
      uploadKeys += 1;
      accepted.push({ file, upload: { key: uploadKeys, fileName: file.name, percent: 0, stage: 'uploading' } });
    }
    if (accepted.length === 0) return;
    setUploads((current) => [...current, ...accepted.map((item) => item.upload)]);
    for (const { file, upload } of accepted) void uploadOne(file, upload.key);
  }

  return { uploads, messages, addFiles, addMessage, clearMessages: () => setMessages([]) };
}
