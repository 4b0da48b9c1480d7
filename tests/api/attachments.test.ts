import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createUser, emulatorClientConfig, requiredEnv, type Session } from './client';
import {
  assertProblem, attach, attachmentKey, complete, keysUnder, newTask, postToStorage, s3, stagingKey, startUpload, userIdOf, type Task,
} from './attachments-helpers';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');
const DOG = readFileSync(path.join(FIXTURES, 'dog.jpg'));
const CAT = readFileSync(path.join(FIXTURES, 'cat.jpg'));
const HORSE_WEBP = readFileSync(path.join(FIXTURES, 'horse.webp'));
const DOG_THEN_COW_GIF = readFileSync(path.join(FIXTURES, 'dog-then-cow.gif'));
const MIB = 1024 * 1024;

const dynamodb = DynamoDBDocumentClient.from(new DynamoDBClient(emulatorClientConfig(requiredEnv('TEST_DYNAMODB_ENDPOINT'))));

describe('attachments', () => {
  let session: Session;
  let userId: string;
  before(async () => {
    ({ session } = await createUser());
    userId = await userIdOf(session);
  });
  after(() => {
    s3.destroy();
    dynamodb.destroy();
  });

  it('uploads a dog photo straight to storage, verifies it, labels it "Dog" and lists the task under ?label=dog', async () => {
    const task = await newTask(session, 'Walk the dog');
    const created = await startUpload(session, task.id, { fileName: 'rex.jpg', contentType: 'image/jpeg', size: DOG.length });
    assert.equal(created.status, 201, created.text);
    const { attachment, upload } = created.body;
    assert.equal(attachment.status, 'pending');
    assert.deepEqual(attachment.labels, []);
    assert.equal(created.headers.get('location'), `/api/tasks/${task.id}/attachments/${attachment.id}`);

    // The policy pins a one-time staging key (never the served one), the type and the size, and expires within five minutes.
    const key = `staging/${userId}/${attachment.id}`;
    const served = `users/${userId}/tasks/${task.id}/${attachment.id}`;
    assert.equal(upload.fields.key, key);
    assert.equal(upload.fields['Content-Type'], 'image/jpeg');
    const policy = JSON.parse(Buffer.from(upload.fields.Policy ?? '', 'base64').toString('utf8')) as { expiration: string; conditions: unknown[] };
    const expiresIn = Date.parse(policy.expiration) - Date.now();
    assert.ok(expiresIn > 0 && expiresIn <= 5 * 60 * 1000, `policy expires in ${expiresIn} ms`);
    assert.ok(Date.parse(upload.expiresAt) - Date.now() <= 5 * 60 * 1000);
    assert.deepEqual(policy.conditions.find((c) => Array.isArray(c) && c[0] === 'content-length-range'), ['content-length-range', 1, DOG.length]);
    assert.ok(policy.conditions.some((c) => JSON.stringify(c) === JSON.stringify({ key })));
    assert.ok(policy.conditions.some((c) => JSON.stringify(c) === JSON.stringify({ 'Content-Type': 'image/jpeg' })));

    const stored = await postToStorage(upload, DOG, 'image/jpeg');
    assert.ok(stored.ok, `upload answered ${stored.status}`);
    assert.deepEqual(await keysUnder(key), [key]);
    assert.deepEqual(await keysUnder(served), [], 'nothing is served before complete');

    const completed = await complete(session, task.id, attachment.id);
    assert.equal(completed.status, 200, completed.text);
    assert.equal(completed.body.status, 'ready');
    assert.equal(completed.body.size, DOG.length);
    assert.equal(completed.body.labels[0]?.name, 'Dog', JSON.stringify(completed.body.labels));
    assert.ok(completed.body.labels.every((label) => label.confidence >= 70 && label.confidence <= 100));
    assert.ok(completed.body.labels.length <= 10);
    assert.deepEqual(await keysUnder(served), [served], 'complete copies the upload to the served key');
    assert.deepEqual(await keysUnder(key), [], 'and deletes the staging object');

    const again = await complete(session, task.id, attachment.id);
    assert.equal(again.status, 200, again.text);
    assert.deepEqual(again.body, completed.body, 'completing twice changes nothing');

    const fetched = await session.request<Task>(`/api/tasks/${task.id}`);
    assert.deepEqual(fetched.body.attachments, [completed.body]);

    for (const label of ['dog', 'DOG', 'Animal']) {
      const listed = await session.request<{ items: Task[] }>(`/api/tasks?label=${label}`);
      assert.equal(listed.status, 200, listed.text);
      assert.deepEqual(listed.body.items.map((item) => item.id), [task.id], `?label=${label}`);
    }
    const none = await session.request<{ items: Task[] }>('/api/tasks?label=cat');
    assert.deepEqual(none.body.items, []);
  });

  it('views an image through a short-lived signed URL that serves the bytes', async () => {
    const task = await newTask(session);
    const attachment = await attach(session, task.id, CAT, 'image/jpeg', 'felix.jpg');
    assert.equal(attachment.labels[0]?.name, 'Cat', JSON.stringify(attachment.labels));
    const view = await session.request(`/api/tasks/${task.id}/attachments/${attachment.id}`);
    assert.equal(view.status, 302, view.text);
    const location = new URL(view.headers.get('location') ?? '');
    assert.equal(location.searchParams.get('X-Amz-Expires'), '300');
    const image = await fetch(location);
    assert.equal(image.status, 200);
    assert.deepEqual(Buffer.from(await image.arrayBuffer()), CAT);
  });

  it('labels a WebP image, converted for Rekognition (which reads JPEG and PNG only)', async () => {
    const task = await newTask(session);
    const attachment = await attach(session, task.id, HORSE_WEBP, 'image/webp', 'horse.webp');
    assert.equal(attachment.status, 'ready');
    assert.equal(attachment.labelling, 'done');
    assert.ok(attachment.labels.some((label) => label.name === 'Horse'), JSON.stringify(attachment.labels));
  });

  it("labels a GIF by its first frame: the dog, not the cow that follows", async () => {
    const task = await newTask(session);
    const attachment = await attach(session, task.id, DOG_THEN_COW_GIF, 'image/gif', 'dog-then-cow.gif');
    assert.equal(attachment.status, 'ready');
    const names = attachment.labels.map((label) => label.name);
    assert.ok(names.includes('Dog'), names.join(', '));
    assert.ok(!names.includes('Cow') && !names.includes('Cattle'), names.join(', '));
    // The stored object is the GIF as uploaded; only the labeller saw a JPEG.
    const viewed = await fetch(new URL((await session.request(`/api/tasks/${task.id}/attachments/${attachment.id}`)).headers.get('location')!));
    assert.deepEqual(Buffer.from(await viewed.arrayBuffer()), DOG_THEN_COW_GIF);
  });

  it('16 uploads started at once on one task: each 201, or 409 when the task is full or too busy — never a 5xx', async () => {
    const task = await newTask(session);
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) => startUpload(session, task.id, { fileName: `p${i}.jpg`, contentType: 'image/jpeg', size: DOG.length })),
    );
    const statuses = answers.map((answer) => answer.status);
    assert.ok(statuses.every((status) => status === 201 || status === 409), statuses.join(','));
    const stored = await session.request<Task>(`/api/tasks/${task.id}`);
    assert.equal(stored.body.attachments.length, statuses.filter((status) => status === 201).length, 'every 201 is one stored attachment');
  });

  it('answers 415 for other types, 413 above 5 MiB and 400 for bad fields', async () => {
    const task = await newTask(session);
    for (const contentType of ['text/plain', 'image/svg+xml', 'image/tiff', 'application/octet-stream']) {
      assertProblem(await startUpload(session, task.id, { fileName: 'x', contentType, size: 10 }), 415);
    }
    assertProblem(await startUpload(session, task.id, { fileName: 'big.jpg', contentType: 'image/jpeg', size: 5 * MIB + 1 }), 413);
    const exact = await startUpload(session, task.id, { fileName: 'ok.jpg', contentType: 'image/jpeg', size: 5 * MIB });
    assert.equal(exact.status, 201, exact.text);
    for (const body of [
      { fileName: '', contentType: 'image/jpeg', size: 10 },
      { fileName: 'a'.repeat(256), contentType: 'image/jpeg', size: 10 },
      { fileName: 'a.jpg', contentType: 'image/jpeg', size: 0 },
      { fileName: 'a.jpg', contentType: 'image/jpeg', size: 1.5 },
      { fileName: 'a.jpg', contentType: 'image/jpeg' },
      { fileName: 'a.jpg', contentType: 'image/jpeg', size: 10, extra: true },
    ]) {
      assertProblem(await startUpload(session, task.id, body), 400);
    }
  });

  it('allows at most 10 attachments per task, counting pending ones (409)', async () => {
    const task = await newTask(session);
    for (let n = 0; n < 10; n += 1) {
      const created = await startUpload(session, task.id, { fileName: `p${n}.png`, contentType: 'image/png', size: 100 });
      assert.equal(created.status, 201, created.text);
    }
    assertProblem(await startUpload(session, task.id, { fileName: 'eleven.png', contentType: 'image/png', size: 100 }), 409);
    const fetched = await session.request<Task>(`/api/tasks/${task.id}`);
    assert.equal(fetched.body.attachments.length, 10);
    const first = fetched.body.attachments[0]!;
    assert.equal((await session.request(`/api/tasks/${task.id}/attachments/${first.id}`, { method: 'DELETE' })).status, 204);
    assert.equal((await startUpload(session, task.id, { fileName: 'again.png', contentType: 'image/png', size: 100 })).status, 201);
  });

  it('answers 409 to complete before the upload arrived, and to viewing a pending image', async () => {
    const task = await newTask(session);
    const created = await startUpload(session, task.id, { fileName: 'later.jpg', contentType: 'image/jpeg', size: DOG.length });
    assertProblem(await complete(session, task.id, created.body.attachment.id), 409);
    assertProblem(await session.request(`/api/tasks/${task.id}/attachments/${created.body.attachment.id}`), 409);
    const stored = await postToStorage(created.body.upload, DOG, 'image/jpeg');
    assert.ok(stored.ok);
    assert.equal((await complete(session, task.id, created.body.attachment.id)).status, 200);
  });

  it('discards an upload that arrived after its presigned link expired (s3rver does not enforce expiry)', async () => {
    const task = await newTask(session);
    const created = await startUpload(session, task.id, { fileName: 'late.jpg', contentType: 'image/jpeg', size: DOG.length });
    // Age the pending attachment by ten minutes instead of waiting out the five-minute link.
    const tenMinutesAgo = new Date(Date.now() - 10 * 60 * 1000).toISOString();
    await dynamodb.send(
      new UpdateCommand({
        TableName: requiredEnv('TEST_TABLE'),
        Key: { user_id: userId, todo_id: task.id },
        UpdateExpression: 'SET attachments[0].createdAt = :old',
        ExpressionAttributeValues: { ':old': tenMinutesAgo },
      }),
    );
    assert.ok((await postToStorage(created.body.upload, DOG, 'image/jpeg')).ok);
    assertProblem(await complete(session, task.id, created.body.attachment.id), 409);
    assert.deepEqual(await keysUnder(`users/${userId}/tasks/${task.id}/`), [], 'the late object is deleted');
    assert.deepEqual(await keysUnder(stagingKey(userId, created.body.attachment.id)), [], 'from staging too');
  });

  it('rejects a text file named .png: 415, the object is deleted and the attachment marked failed', async () => {
    const task = await newTask(session);
    const text = Buffer.from('<script>alert(1)</script> definitely a picture');
    const created = await startUpload(session, task.id, { fileName: 'photo.png', contentType: 'image/png', size: text.length });
    const key = stagingKey(userId, created.body.attachment.id);
    assert.ok((await postToStorage(created.body.upload, text, 'image/png')).ok);
    assert.deepEqual(await keysUnder(key), [key]);
    assertProblem(await complete(session, task.id, created.body.attachment.id), 415);
    assert.deepEqual(await keysUnder(key), [], 'the spoofed object is gone');
    assert.deepEqual(await keysUnder(attachmentKey(userId, task.id, created.body.attachment.id)), [], 'and was never left served');
    const fetched = await session.request<Task>(`/api/tasks/${task.id}`);
    assert.equal(fetched.body.attachments[0]?.status, 'failed');
    assertProblem(await complete(session, task.id, created.body.attachment.id), 409);
  });

  it('rejects a real image of another type than declared (a PNG declared as JPEG)', async () => {
    const task = await newTask(session);
    const png = readFileSync(path.join(FIXTURES, 'cow.png'));
    const created = await startUpload(session, task.id, { fileName: 'cow.jpg', contentType: 'image/jpeg', size: png.length });
    assert.ok((await postToStorage(created.body.upload, png, 'image/jpeg')).ok);
    assertProblem(await complete(session, task.id, created.body.attachment.id), 415);
    assert.deepEqual(await keysUnder(`users/${userId}/tasks/${task.id}/`), []);
  });

  it('catches altered presigned fields at complete when the emulator does not enforce the policy', async () => {
    const task = await newTask(session);
    const created = await startUpload(session, task.id, { fileName: 'a.jpg', contentType: 'image/jpeg', size: 1000 });
    const { upload, attachment } = created.body;

    // Bigger than the signed content-length-range: storage or complete refuses it.
    const tooBig = await postToStorage(upload, DOG, 'image/jpeg');
    if (tooBig.ok) {
      assertProblem(await complete(session, task.id, attachment.id), 413);
      assert.deepEqual(await keysUnder(`users/${userId}/tasks/${task.id}/`), []);
    }

    // A different Content-Type field than signed: refused by storage or by complete.
    const second = (await startUpload(session, task.id, { fileName: 'b.jpg', contentType: 'image/jpeg', size: DOG.length })).body;
    const retyped = await postToStorage(second.upload, DOG, 'text/html', { ...second.upload.fields, 'Content-Type': 'text/html' });
    if (retyped.ok) assertProblem(await complete(session, task.id, second.attachment.id), 415);

    // Another key than signed: the attachment's own key stays empty, so complete refuses.
    const third = (await startUpload(session, task.id, { fileName: 'c.jpg', contentType: 'image/jpeg', size: DOG.length })).body;
    const otherKey = `users/${userId}/tasks/${task.id}/${randomUUID()}`;
    const moved = await postToStorage(third.upload, DOG, 'image/jpeg', { ...third.upload.fields, key: otherKey });
    if (moved.ok) assertProblem(await complete(session, task.id, third.attachment.id), 409);
  });

  it("answers 404 for another user's task or attachment and for unknown or malformed ids", async () => {
    const task = await newTask(session);
    const attachment = await attach(session, task.id, DOG, 'image/jpeg', 'mine.jpg');
    const { session: other } = await createUser();
    const base = `/api/tasks/${task.id}/attachments`;
    assertProblem(await startUpload(other, task.id, { fileName: 'x.jpg', contentType: 'image/jpeg', size: 10 }), 404);
    assertProblem(await complete(other, task.id, attachment.id), 404);
    assertProblem(await other.request(`${base}/${attachment.id}`), 404);
    assertProblem(await other.request(`${base}/${attachment.id}`, { method: 'DELETE' }), 404);
    const otherTask = await newTask(other);
    assertProblem(await other.request(`/api/tasks/${otherTask.id}/attachments/${attachment.id}`), 404);
    assertProblem(await session.request(`${base}/${randomUUID()}`), 404);
    assertProblem(await session.request(`${base}/not-a-uuid`), 404);
    assertProblem(await complete(session, 'nope', attachment.id), 404);
    const still = await session.request<Task>(`/api/tasks/${task.id}`);
    assert.equal(still.body.attachments[0]?.status, 'ready', "the owner's attachment is untouched");
  });

  it('deleting an attachment, its task or the account leaves no object behind', async () => {
    const { session: owner } = await createUser();
    const ownerId = await userIdOf(owner);
    const task = await newTask(owner);
    const one = await attach(owner, task.id, DOG, 'image/jpeg', 'one.jpg');
    const two = await attach(owner, task.id, CAT, 'image/jpeg', 'two.jpg');
    const prefix = `users/${ownerId}/tasks/${task.id}/`;
    assert.equal((await keysUnder(prefix)).length, 2);

    const deleted = await owner.request(`/api/tasks/${task.id}/attachments/${one.id}`, { method: 'DELETE' });
    assert.equal(deleted.status, 204, deleted.text);
    assert.deepEqual(await keysUnder(prefix), [`${prefix}${two.id}`]);
    assertProblem(await owner.request(`/api/tasks/${task.id}/attachments/${one.id}`, { method: 'DELETE' }), 404);
    const afterDelete = await owner.request<{ items: Task[] }>('/api/tasks?label=dog');
    assert.deepEqual(afterDelete.body.items, [], 'the label index follows the attachments');

    assert.equal((await owner.request(`/api/tasks/${task.id}`, { method: 'DELETE' })).status, 204);
    assert.deepEqual(await keysUnder(prefix), []);

    const kept = await newTask(owner);
    await attach(owner, kept.id, DOG, 'image/jpeg', 'kept.jpg');
    assert.equal((await keysUnder(`users/${ownerId}/`)).length, 1);
    assert.equal((await owner.request('/api/auth/me', { method: 'DELETE' })).status, 204);
    assert.deepEqual(await keysUnder(`users/${ownerId}/`), []);
  });
});
