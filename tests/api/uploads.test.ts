/**
 * Uploads that cannot be replayed, deletes that leave no object, the staging sweeper and the
 * per-account quotas (SPEC §6.4, issue 14), against the emulators over real HTTP.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { CopyObjectCommand, DeleteObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { generateNKeysBetween } from 'fractional-indexing';
import { writeTasks } from '../../scripts/seed-tasks';
import { MAX_PENDING_UPLOADS } from '../../lib/attachments/schema';
import { MAX_OPEN_TASKS } from '../../lib/tasks/rules';
import type { Task as StoredTask } from '../../lib/tasks/schema';
import { waitForActivity } from './activity-helpers';
import {
  assertProblem, attachWithForm, attachmentKey, bucket, complete, keysUnder, newTask, postToStorage, s3, servedBytes, stagingKey,
  stagingPrefixOf, startUpload, taskPrefix, userIdOf, userPrefix, type Task,
} from './attachments-helpers';
import { createUser, emulatorClientConfig, requiredEnv, type Session } from './client';
import { createList, inboxOf, lists, person } from './lists-helpers';

const ROOT = path.join(import.meta.dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
const DOG = readFileSync(path.join(FIXTURES, 'dog.jpg'));
const CAT = readFileSync(path.join(FIXTURES, 'cat.jpg'));

type QuotaProblem = { type: string; limit: string; max: number };

const dynamodb = DynamoDBDocumentClient.from(new DynamoDBClient(emulatorClientConfig(requiredEnv('TEST_DYNAMODB_ENDPOINT'))));

after(() => {
  s3.destroy();
  dynamodb.destroy();
});

async function getTask(session: Session, taskId: string): Promise<Task> {
  const response = await session.request<Task>(`/api/tasks/${taskId}`);
  assert.equal(response.status, 200, response.text);
  return response.body;
}

/** Runs the app's own staging sweep (lib/attachments/sweeper.ts) in a separate process, on the emulator bucket. */
function runSweep(now: number, maxAgeMs: number, prefix: string): Promise<number> {
  const script = `
    import { sweepStagingObjects } from './lib/attachments/sweeper.ts';
    console.log(JSON.stringify(await sweepStagingObjects(${now}, ${maxAgeMs}, ${JSON.stringify(prefix)})));
  `;
  const env = {
    ...process.env,
    APP_MODE: 'local',
    COGNITO_USER_POOL_ID: requiredEnv('TEST_USER_POOL_ID'),
    COGNITO_CLIENT_ID: requiredEnv('TEST_CLIENT_ID'),
    AWS_ENDPOINT_URL_S3: requiredEnv('TEST_S3_ENDPOINT'),
    ATTACHMENTS_BUCKET: bucket,
  };
  return new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', '--input-type=module', '-e', script], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => (code === 0 ? resolve(Number(JSON.parse(stdout.trim().split('\n').at(-1) ?? 'NaN'))) : reject(new Error(`exit ${code}: ${stderr}`))));
  });
}

async function lastModified(key: string): Promise<number> {
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  return head.LastModified?.getTime() ?? Number.NaN;
}

/** A fresh account with a task and a dog photo posted to storage, not completed yet. */
async function postedUpload(fileName: string) {
  const { session } = await createUser();
  const userId = await userIdOf(session);
  const task = await newTask(session);
  const created = await startUpload(session, task.id, { fileName, contentType: 'image/jpeg', size: DOG.length });
  assert.equal(created.status, 201, created.text);
  assert.ok((await postToStorage(created.body.upload, DOG, 'image/jpeg')).ok);
  return { session, userId, task, attachment: created.body.attachment };
}

describe('one-time staging keys', () => {
  it('a form posted again after complete changes neither the served bytes nor the attachment', async () => {
    const { session } = await createUser();
    const userId = await userIdOf(session);
    const task = await newTask(session);
    const { attachment, upload } = await attachWithForm(session, task.id, DOG, 'image/jpeg', 'rex.jpg');
    assert.deepEqual(await servedBytes(session, task.id, attachment.id), DOG);

    const replay = await postToStorage(upload, CAT, 'image/jpeg');
    assert.ok(replay.ok, `storage answered ${replay.status}`);
    assert.deepEqual(await servedBytes(session, task.id, attachment.id), DOG, 'the verified image is untouched');
    assert.deepEqual(await keysUnder(stagingKey(userId, attachment.id)), [stagingKey(userId, attachment.id)], 'the replay only made a staging object');

    const again = await complete(session, task.id, attachment.id);
    assert.equal(again.status, 200, again.text);
    assert.deepEqual(again.body, attachment, 'completing again does not pick up the replayed bytes');
    assert.deepEqual(await servedBytes(session, task.id, attachment.id), DOG);
    assert.equal(await runSweep(Date.now() + 2 * 60 * 60 * 1000, 60 * 60 * 1000, stagingPrefixOf(userId)), 1);
    assert.deepEqual(await keysUnder(stagingPrefixOf(userId)), []);
  });

  it('a form posted again after delete never brings the object back', async () => {
    const { session } = await createUser();
    const userId = await userIdOf(session);
    const task = await newTask(session);
    const { attachment, upload } = await attachWithForm(session, task.id, DOG, 'image/jpeg', 'gone.jpg');
    assert.equal((await session.request(`/api/tasks/${task.id}/attachments/${attachment.id}`, { method: 'DELETE' })).status, 204);

    assert.ok((await postToStorage(upload, CAT, 'image/jpeg')).ok);
    assert.deepEqual(await keysUnder(taskPrefix(userId, task.id)), [], 'nothing is served again');
    assertProblem(await session.request(`/api/tasks/${task.id}/attachments/${attachment.id}`), 404);
    assertProblem(await complete(session, task.id, attachment.id), 404);
    assert.deepEqual((await getTask(session, task.id)).attachments, []);
  });

  it('16 parallel completes: one copy, one label set, one activity entry, and no 5xx', async () => {
    const { session, userId, task, attachment } = await postedUpload('rex.jpg');
    const before = await getTask(session, task.id);

    const answers = await Promise.all(Array.from({ length: 16 }, () => complete(session, task.id, attachment.id)));
    const statuses = answers.map((answer) => answer.status);
    assert.ok(statuses.every((status) => status === 200 || status === 409), statuses.join(','));
    const ready = answers.filter((answer) => answer.status === 200);
    assert.ok(ready.length >= 1, statuses.join(','));
    for (const answer of ready) assert.equal(answer.body.status, 'ready');
    for (const answer of answers.filter((candidate) => candidate.status === 409)) assertProblem(answer, 409);

    const settled = await getTask(session, task.id);
    assert.equal(settled.version, before.version + 1, 'the attachment was saved ready exactly once');
    const [stored] = settled.attachments;
    assert.equal(stored?.status, 'ready');
    assert.equal(stored?.labels[0]?.name, 'Dog', JSON.stringify(stored?.labels));
    assert.equal(new Set(stored?.labels.map((label) => label.name)).size, stored?.labels.length, 'no label twice');
    assert.deepEqual(await keysUnder(taskPrefix(userId, task.id)), [attachmentKey(userId, task.id, attachment.id)]);
    assert.deepEqual(await keysUnder(stagingKey(userId, attachment.id)), []);

    const readyEntries = (entries: { type: string }[]) => entries.filter((entry) => entry.type === 'attachment.ready');
    await waitForActivity(session, (entries) => readyEntries(entries).length >= 1, { taskId: task.id });
    // Give a second publication, if there were one, the time the first one took.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(readyEntries(await waitForActivity(session, () => true, { taskId: task.id })).length, 1);
  });
});

describe('a completion that died half-way', () => {
  it('holds others off until its lease passes; the next complete finishes from the copy it left', async () => {
    const { session, userId, task, attachment } = await postedUpload('crash.jpg');
    // The state a process leaves when it dies after copying and deleting the staging object, lease still running.
    const served = attachmentKey(userId, task.id, attachment.id);
    await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: served, CopySource: `${bucket}/${stagingKey(userId, attachment.id)}` }));
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: stagingKey(userId, attachment.id) }));
    const setLease = (until: number) =>
      dynamodb.send(
        new UpdateCommand({
          TableName: requiredEnv('TEST_LISTS_TABLE'),
          Key: { pk: `U#${userId}`, sk: 'UPLOADS' },
          UpdateExpression: 'SET completing.#id = :until',
          ExpressionAttributeNames: { '#id': attachment.id },
          ExpressionAttributeValues: { ':until': until },
        }),
      );
    await setLease(Date.now() + 60_000);
    const held = await complete(session, task.id, attachment.id);
    assertProblem(held, 409);
    assert.match(held.text, /being completed/);

    await setLease(Date.now() - 1);
    const finished = await complete(session, task.id, attachment.id);
    assert.equal(finished.status, 200, finished.text);
    assert.equal(finished.body.status, 'ready');
    assert.equal(finished.body.labels[0]?.name, 'Dog', JSON.stringify(finished.body.labels));
    assert.deepEqual(await servedBytes(session, task.id, attachment.id), DOG);
  });
});

describe('an upload no longer counted as pending', () => {
  it('is answered 409 "abandoned" by complete, and nothing is served', async () => {
    const { session, userId, task, attachment } = await postedUpload('old.jpg');
    // What pruning does to an entry older than a day (lib/attachments/pending.ts).
    await dynamodb.send(
      new UpdateCommand({
        TableName: requiredEnv('TEST_LISTS_TABLE'),
        Key: { pk: `U#${userId}`, sk: 'UPLOADS' },
        UpdateExpression: 'REMOVE pending.#id',
        ExpressionAttributeNames: { '#id': attachment.id },
      }),
    );
    const answer = await complete(session, task.id, attachment.id);
    assertProblem(answer, 409);
    assert.match(answer.text, /abandoned/);
    assert.deepEqual(await keysUnder(taskPrefix(userId, task.id)), []);
  });
});

describe('deletes leave no object behind', () => {
  /** A task with one completed image and one upload posted but not completed. */
  async function taskWithObjects(session: Session, userId: string, listId?: string) {
    const task = await newTask(session, 'Has photos', listId);
    const { attachment } = await attachWithForm(session, task.id, DOG, 'image/jpeg', 'done.jpg');
    const pending = await startUpload(session, task.id, { fileName: 'staged.jpg', contentType: 'image/jpeg', size: CAT.length });
    assert.equal(pending.status, 201, pending.text);
    assert.ok((await postToStorage(pending.body.upload, CAT, 'image/jpeg')).ok);
    const keys = [attachmentKey(userId, task.id, attachment.id), stagingKey(userId, pending.body.attachment.id)];
    assert.deepEqual([...(await keysUnder(taskPrefix(userId, task.id))), ...(await keysUnder(stagingKey(userId, pending.body.attachment.id)))], keys);
    return { task, keys };
  }

  it('deleting a task removes its served and its staged objects', async () => {
    const { session } = await createUser();
    const userId = await userIdOf(session);
    const { task, keys } = await taskWithObjects(session, userId);
    assert.equal((await session.request(`/api/tasks/${task.id}`, { method: 'DELETE' })).status, 204);
    for (const key of keys) assert.deepEqual(await keysUnder(key), [], key);
  });

  it('deleting a list removes the objects of every task in it', async () => {
    const owner = await person();
    const list = await createList(owner.session, 'Photos');
    const first = await taskWithObjects(owner.session, owner.id, list.id);
    const second = await taskWithObjects(owner.session, owner.id, list.id);
    assert.equal((await owner.session.request(`/api/lists/${list.id}`, { method: 'DELETE' })).status, 204);
    for (const key of [...first.keys, ...second.keys]) assert.deepEqual(await keysUnder(key), [], key);
  });

  it('deleting the account removes everything under its prefixes', async () => {
    const { session } = await createUser();
    const userId = await userIdOf(session);
    await taskWithObjects(session, userId);
    assert.ok((await keysUnder(userPrefix(userId))).length > 0);
    assert.equal((await session.request('/api/auth/me', { method: 'DELETE' })).status, 204);
    assert.deepEqual(await keysUnder(userPrefix(userId)), []);
    assert.deepEqual(await keysUnder(stagingPrefixOf(userId)), []);
  });
});

describe('the staging sweeper', () => {
  it('removes staging objects older than the age it is given and keeps fresher ones', async () => {
    const prefix = stagingPrefixOf(`sweep-${randomUUID()}`);
    const put = (key: string) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'x' }));
    await put(`${prefix}old`);
    // S3 keeps whole seconds: leave more than one between the two.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await put(`${prefix}fresh`);
    const [old, fresh] = [await lastModified(`${prefix}old`), await lastModified(`${prefix}fresh`)];
    assert.ok(fresh - old >= 1000, `${old} → ${fresh}`);

    assert.equal(await runSweep(fresh, fresh - old + 60_000, prefix), 0, 'nothing is old enough yet');
    assert.deepEqual(await keysUnder(prefix), [`${prefix}fresh`, `${prefix}old`]);
    assert.equal(await runSweep(fresh, 500, prefix), 1);
    assert.deepEqual(await keysUnder(prefix), [`${prefix}fresh`]);
    assert.equal(await runSweep(fresh + 60 * 60 * 1000, 60 * 60 * 1000 - 1, prefix), 1);
    assert.deepEqual(await keysUnder(prefix), []);
  });

  it('an upload swept before its complete is answered as not uploaded, and nothing is served', async () => {
    const { session, userId, task, attachment } = await postedUpload('late.jpg');
    assert.equal(await runSweep(Date.now() + 2 * 60 * 60 * 1000, 60 * 60 * 1000, stagingPrefixOf(userId)), 1);
    assertProblem(await complete(session, task.id, attachment.id), 409);
    assert.deepEqual(await keysUnder(taskPrefix(userId, task.id)), []);
  });
});

describe('per-account quotas', () => {
  it(`at most ${MAX_PENDING_UPLOADS} pending uploads: the next is 409 naming the limit, nothing is stored, and completing one frees a slot`, async () => {
    const { session } = await createUser();
    const tasks = await Promise.all(Array.from({ length: MAX_PENDING_UPLOADS / 10 }, (_, i) => newTask(session, `Batch ${i}`)));
    for (const task of tasks) {
      const started = await Promise.all(
        Array.from({ length: 10 }, (_, i) => startUpload(session, task.id, { fileName: `p${i}.jpg`, contentType: 'image/jpeg', size: DOG.length })),
      );
      // Ten at once on one task may lose version races (409 "too busy"); retry those one by one.
      for (const [i, answer] of started.entries()) {
        if (answer.status === 201) continue;
        const retried = await startUpload(session, task.id, { fileName: `p${i}.jpg`, contentType: 'image/jpeg', size: DOG.length });
        assert.equal(retried.status, 201, retried.text);
      }
    }
    const extra = await newTask(session, 'One too many');
    const over = await session.request<QuotaProblem>(`/api/tasks/${extra.id}/attachments`, { json: { fileName: 'x.jpg', contentType: 'image/jpeg', size: DOG.length } });
    assertProblem(over, 409);
    assert.deepEqual([over.body.limit, over.body.max], ['pending-uploads', MAX_PENDING_UPLOADS]);
    assert.match(over.body.type, /quota-exceeded$/);
    assert.deepEqual((await getTask(session, extra.id)).attachments, [], 'nothing is stored');

    const [first] = (await getTask(session, tasks[0]!.id)).attachments;
    assert.equal((await session.request(`/api/tasks/${tasks[0]!.id}/attachments/${first!.id}`, { method: 'DELETE' })).status, 204);
    const freed = await startUpload(session, extra.id, { fileName: 'x.jpg', contentType: 'image/jpeg', size: DOG.length });
    assert.equal(freed.status, 201, freed.text);
    assert.ok((await postToStorage(freed.body.upload, DOG, 'image/jpeg')).ok);
    assert.equal((await complete(session, extra.id, freed.body.attachment.id)).status, 200);
    const afterComplete = await startUpload(session, extra.id, { fileName: 'y.jpg', contentType: 'image/jpeg', size: DOG.length });
    assert.equal(afterComplete.status, 201, `a completed upload is not pending any more: ${afterComplete.text}`);
  });

  it(`at most ${MAX_OPEN_TASKS.toLocaleString('en-US')} open tasks: the next is 409 naming the limit, nothing is stored, completing one makes room`, async () => {
    const owner = await person();
    const inbox = await inboxOf(owner.session);
    const now = Date.now();
    const positions = generateNKeysBetween(null, null, MAX_OPEN_TASKS - 1);
    const seeded: StoredTask[] = positions.map((position, i) => {
      const createdAt = new Date(now - (MAX_OPEN_TASKS - i) * 1000).toISOString();
      return {
        id: randomUUID(), listId: inbox.id, title: `Seeded ${i}`, description: null, completed: false, priority: 'medium',
        dueDate: null, dueTime: null, tags: [], subtasks: [], recurrence: null, position, completedAt: null,
        createdBy: owner.id, createdAt, updatedAt: createdAt, version: 1, attachments: [],
      };
    });
    await writeTasks(dynamodb, requiredEnv('TEST_TABLE'), seeded);
    const last = await owner.session.request<Task>('/api/tasks', { json: { title: 'The ten-thousandth' } });
    assert.equal(last.status, 201, last.text);

    const over = await owner.session.request<QuotaProblem>('/api/tasks', { json: { title: 'One too many' } });
    assertProblem(over, 409);
    assert.deepEqual([over.body.limit, over.body.max], ['open-tasks', MAX_OPEN_TASKS]);
    // In another list of the same account too: the quota is the account's, not the list's.
    const other = await createList(owner.session, 'Elsewhere');
    assertProblem(await owner.session.request('/api/tasks', { json: { title: 'Still too many', listId: other.id } }), 409);
    const openCounts = async () => Object.fromEntries((await lists(owner.session)).map((list) => [list.id, list.counts.open]));
    assert.deepEqual(await openCounts(), { [inbox.id]: MAX_OPEN_TASKS, [other.id]: 0 }, 'nothing is stored');

    const done = await owner.session.request(`/api/tasks/${last.body.id}`, { method: 'PATCH', json: { completed: true } });
    assert.equal(done.status, 200, done.text);
    assert.equal((await owner.session.request('/api/tasks', { json: { title: 'Room again', listId: other.id } })).status, 201);
    // Full again: reopening the completed task would make one too many.
    const reopened = await owner.session.request<QuotaProblem>(`/api/tasks/${last.body.id}`, { method: 'PATCH', json: { completed: false } });
    assertProblem(reopened, 409);
    assert.equal(reopened.body.limit, 'open-tasks');
    assert.equal((await getTask(owner.session, last.body.id)).completed, true, 'the task stays completed');
  });
});
