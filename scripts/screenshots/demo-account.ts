/**
 * A believable account for the screenshots, made through the public API as a person would: lists
 * (one shared with a second person), tasks due today and over the next days with times, priorities,
 * tags and subtasks, one done, and a photo attachment. Uses the API tests' own client and helpers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createUserAt, type Session } from '../../tests/api/client';
import { createList, createTask, inboxOf, share, withId, type Person, type Task } from '../../tests/api/lists-helpers';
import { addDays, wallClock } from '../../lib/time-zone';
import { etagFor } from '../../lib/tasks/etag';
import { ROOT } from '../stack';

export const DEMO_TIME_ZONE = 'Europe/Berlin';
export const DEMO_USER = { name: 'Alex Morgan', email: 'alex.morgan@example.test', password: 'Demo-Screens-2026' };
const FRIEND = { name: 'Sam Rivera', email: 'sam.rivera@example.test', password: 'Demo-Screens-2026' };
const PHOTO = path.join(ROOT, 'tests', 'fixtures', 'dog.jpg');

export type DemoAccount = { readonly inboxId: string; readonly sharedListId: string };

type TaskSeed = {
  readonly title: string;
  /** Days from today; omitted: no due date. */
  readonly inDays?: number;
  readonly time?: string;
  readonly priority?: 'low' | 'medium' | 'high';
  readonly tags?: readonly string[];
  readonly subtasks?: readonly { readonly title: string; readonly completed?: boolean }[];
  readonly description?: string;
};

async function demoPerson(baseUrl: string, details: typeof DEMO_USER): Promise<Person> {
  const { session } = await createUserAt(baseUrl, details);
  const profile = await session.request('/api/auth/me', { method: 'PATCH', json: { timeZone: DEMO_TIME_ZONE } });
  if (profile.status !== 200) throw new Error(`PATCH /api/auth/me: ${profile.status} ${profile.text}`);
  return withId(details.email, session);
}

function addTasks(session: Session, listId: string, today: string, seeds: readonly TaskSeed[]): Promise<Task[]> {
  return Promise.all(
    seeds.map((seed) =>
      createTask(session, {
        listId,
        title: seed.title,
        priority: seed.priority ?? 'medium',
        dueDate: seed.inDays === undefined ? null : addDays(today, seed.inDays),
        ...(seed.time ? { dueTime: seed.time } : {}),
        ...(seed.tags ? { tags: seed.tags } : {}),
        ...(seed.subtasks ? { subtasks: seed.subtasks } : {}),
        ...(seed.description ? { description: seed.description } : {}),
      }),
    ),
  );
}

async function complete(session: Session, task: Task): Promise<void> {
  const response = await session.request(`/api/tasks/${task.id}`, {
    method: 'PATCH',
    json: { completed: true },
    headers: { 'if-match': etagFor(task.version) },
  });
  if (response.status !== 200) throw new Error(`completing “${task.title}”: ${response.status} ${response.text}`);
}

/** The browser's path for a photo: ask for an upload, post the file to storage, then complete it. */
async function attachPhoto(session: Session, taskId: string): Promise<void> {
  const bytes = readFileSync(PHOTO);
  const created = await session.request<{ attachment: { id: string }; upload: { url: string; fields: Record<string, string> } }>(
    `/api/tasks/${taskId}/attachments`,
    { json: { fileName: 'bella.jpg', contentType: 'image/jpeg', size: bytes.length } },
  );
  if (created.status !== 201) throw new Error(`starting the upload: ${created.status} ${created.text}`);
  const form = new FormData();
  for (const [name, value] of Object.entries(created.body.upload.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type: 'image/jpeg' }), 'bella.jpg');
  const stored = await fetch(created.body.upload.url, { method: 'POST', body: form });
  if (!stored.ok) throw new Error(`uploading the photo: ${stored.status}`);
  const done = await session.request(`/api/tasks/${taskId}/attachments/${created.body.attachment.id}/complete`, { method: 'POST' });
  if (done.status !== 200) throw new Error(`completing the upload: ${done.status} ${done.text}`);
}

export async function createDemoAccount(baseUrl: string): Promise<DemoAccount> {
  const [alex, sam] = await Promise.all([demoPerson(baseUrl, DEMO_USER), demoPerson(baseUrl, FRIEND)]);
  const today = wallClock(DEMO_TIME_ZONE).date;
  const inbox = await inboxOf(alex.session);
  const work = await createList(alex.session, 'Work', '#3f6fe0');
  const groceries = await createList(alex.session, 'Groceries', '#3a9a4f');
  const home = await createList(alex.session, 'Home', '#e8833a');
  const trip = await createList(alex.session, 'Trip to Lisbon', '#8a55d9');
  await share(alex, trip.id, sam, 'editor');

  const [inboxTasks, , homeTasks] = await Promise.all([
    addTasks(alex.session, inbox.id, today, [
      { title: 'Renew passport', inDays: -2, priority: 'high', tags: ['errands'] },
      { title: 'Call the dentist', inDays: 0, time: '09:30', tags: ['health'] },
      { title: 'Pick up dry cleaning', inDays: 0, tags: ['errands'] },
      { title: 'Read The Overstory', priority: 'low', tags: ['reading'] },
    ]),
    addTasks(alex.session, work.id, today, [
      { title: 'Submit expense report', inDays: -1, tags: ['admin'] },
      { title: '1:1 with Priya', inDays: 0, time: '14:00' },
      {
        title: 'Quarterly report draft',
        inDays: 1,
        time: '10:00',
        priority: 'high',
        tags: ['writing'],
        description: 'Numbers from finance arrive Monday; keep it to two pages.',
        subtasks: [{ title: 'Collect the numbers', completed: true }, { title: 'Write the summary' }, { title: 'Review with Priya' }],
      },
      { title: 'Update onboarding docs', inDays: 3, priority: 'low', tags: ['writing'] },
    ]),
    addTasks(alex.session, home.id, today, [
      { title: 'Water the plants', inDays: 0, priority: 'low' },
      { title: 'Fix the bathroom tap', inDays: 2, tags: ['diy'] },
      { title: 'Take Bella to the vet', inDays: 4, time: '16:15', priority: 'high' },
      { title: 'Pay the electricity bill', inDays: 5, priority: 'high', tags: ['bills'] },
    ]),
    addTasks(alex.session, groceries.id, today, [
      { title: 'Buy milk', inDays: 0, time: '17:00', tags: ['errands'] },
      { title: 'Oat flour and yeast', inDays: 1, priority: 'low' },
    ]),
    addTasks(alex.session, trip.id, today, [
      { title: 'Book flights', inDays: 1, priority: 'high', subtasks: [{ title: 'Compare prices', completed: true }, { title: 'Pick seats' }] },
      { title: 'Pack sunscreen', inDays: 5, priority: 'low' },
    ]),
    addTasks(sam.session, trip.id, today, [{ title: 'Reserve a table at Time Out Market', inDays: 6, time: '19:30', tags: ['food'] }]),
  ]);

  // Tasks come back in the order they were asked for.
  await complete(alex.session, inboxTasks[2]!);
  await attachPhoto(alex.session, homeTasks[2]!.id);
  return { inboxId: inbox.id, sharedListId: trip.id };
}
