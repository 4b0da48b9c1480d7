/** Shared by the attachment tests: the upload steps a browser takes, and what the emulator bucket holds. */
import assert from 'node:assert/strict';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { emulatorClientConfig, isProblem, requiredEnv, type ApiResponse, type Session } from './client';

export { attachmentKey, stagingKey, stagingPrefixOf, taskPrefix, userPrefix } from '../../lib/attachments/keys';

export type Label = { name: string; confidence: number };
export type Attachment = {
  id: string; fileName: string; contentType: string; size: number;
  status: 'pending' | 'ready' | 'failed'; labels: Label[]; labelling: 'pending' | 'done' | 'failed'; createdAt: string;
};
export type Task = { id: string; version: number; listId: string; completed: boolean; attachments: Attachment[] };
export type Created = { attachment: Attachment; upload: { url: string; fields: Record<string, string>; expiresAt: string } };

export const s3 = new S3Client({ ...emulatorClientConfig(requiredEnv('TEST_S3_ENDPOINT')), forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
export const bucket = requiredEnv('TEST_BUCKET');

/** Every key under a prefix (all pages). */
export async function keysUnder(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

export async function userIdOf(session: Session): Promise<string> {
  const me = await session.request<{ user: { id: string } }>('/api/auth/me');
  assert.equal(me.status, 200, me.text);
  return me.body.user.id;
}

export async function newTask(session: Session, title = 'With photos', listId?: string): Promise<Task> {
  const response = await session.request<Task>('/api/tasks', { json: { title, ...(listId ? { listId } : {}) } });
  assert.equal(response.status, 201, response.text);
  return response.body;
}

export function startUpload(session: Session, taskId: string, json: Record<string, unknown>): Promise<ApiResponse<Created>> {
  return session.request<Created>(`/api/tasks/${taskId}/attachments`, { json });
}

/** The browser's multipart POST straight to storage: the signed fields first, the file last. */
export async function postToStorage(upload: Created['upload'], bytes: Uint8Array, type: string, fields: Record<string, string> = upload.fields) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), 'upload');
  return fetch(upload.url, { method: 'POST', body: form });
}

export function complete(session: Session, taskId: string, attachmentId: string) {
  return session.request<Attachment>(`/api/tasks/${taskId}/attachments/${attachmentId}/complete`, { method: 'POST' });
}

/** Create → upload → complete, asserting each step; the form is returned too, to post it again. */
export async function attachWithForm(session: Session, taskId: string, bytes: Uint8Array, contentType: string, fileName: string) {
  const created = await startUpload(session, taskId, { fileName, contentType, size: bytes.length });
  assert.equal(created.status, 201, created.text);
  const stored = await postToStorage(created.body.upload, bytes, contentType);
  assert.ok(stored.ok, `upload answered ${stored.status}`);
  const completed = await complete(session, taskId, created.body.attachment.id);
  assert.equal(completed.status, 200, completed.text);
  return { attachment: completed.body, upload: created.body.upload };
}

export async function attach(session: Session, taskId: string, bytes: Uint8Array, contentType: string, fileName: string): Promise<Attachment> {
  return (await attachWithForm(session, taskId, bytes, contentType, fileName)).attachment;
}

/** The bytes the attachment's view link serves. */
export async function servedBytes(session: Session, taskId: string, attachmentId: string): Promise<Buffer> {
  const view = await session.request(`/api/tasks/${taskId}/attachments/${attachmentId}`);
  assert.equal(view.status, 302, view.text);
  const image = await fetch(new URL(view.headers.get('location') ?? ''));
  assert.equal(image.status, 200);
  return Buffer.from(await image.arrayBuffer());
}

export function assertProblem(response: ApiResponse, status: number) {
  assert.equal(response.status, status, response.text);
  assert.ok(isProblem(response), `problem+json expected: ${response.text}`);
}
