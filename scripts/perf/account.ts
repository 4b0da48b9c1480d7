/**
 * The account the page and interaction measurements open: made through the public API (the API tests'
 * own client and helpers), signed in (its session cookies are what the browser gets), with 50 tasks due
 * today in the Inbox, a list of 200 tasks and a second, smaller list to switch to.
 */
import { createUserAt, Session } from '../../tests/api/client';
import { createList, createTask, inboxOf } from '../../tests/api/lists-helpers';
import { wallClock } from '../../lib/time-zone';

export const TODAY_TASKS = 50;
export const BIG_LIST_TASKS = 200;
const SMALL_LIST_TASKS = 20;
/** Requests in flight while seeding: enough to be quick, few enough for a shared machine. */
const SEED_PARALLEL = 8;

export type PerfAccount = {
  readonly session: Session;
  /** A session of its own (fresh cookies): a page that renews or ends its session leaves the next one unharmed. */
  readonly newSession: () => Promise<Session>;
  readonly bigListId: string;
  readonly smallListId: string;
  /** Words in the big list's titles that a search finds a few tasks by. */
  readonly searchWord: string;
};

async function addTasks(session: Session, count: number, task: (index: number) => Record<string, unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < count; index = next++) await createTask(session, task(index));
  };
  await Promise.all(Array.from({ length: SEED_PARALLEL }, worker));
}

export async function createPerfAccount(appUrl: string): Promise<PerfAccount> {
  const { session, email, password } = await createUserAt(appUrl, { name: 'Perf Person' });
  const newSession = async () => {
    const fresh = new Session(appUrl);
    const signIn = await fresh.request('/api/auth/sign-in', { json: { email, password } });
    if (signIn.status !== 200) throw new Error(`sign-in: ${signIn.status} ${signIn.text}`);
    return fresh;
  };
  // The profile's day is UTC, the browser's too (timezoneId), so "today" is the same for both.
  const profile = await session.request('/api/auth/me', { method: 'PATCH', json: { timeZone: 'UTC' } });
  if (profile.status !== 200) throw new Error(`PATCH /api/auth/me: ${profile.status} ${profile.text}`);
  const today = wallClock('UTC').date;
  const inbox = await inboxOf(session);
  const big = await createList(session, 'Big list', '#3f6fe0');
  const small = await createList(session, 'Small list', '#3a9a4f');
  const priorities = ['low', 'medium', 'high'];
  await addTasks(session, TODAY_TASKS, (i) => ({ listId: inbox.id, title: `Today task ${i + 1}`, dueDate: today, priority: priorities[i % 3] }));
  await addTasks(session, BIG_LIST_TASKS, (i) => ({
    listId: big.id,
    title: `${i % 25 === 0 ? 'Quarterly' : 'Routine'} item ${i + 1}`,
    priority: priorities[i % 3],
    ...(i % 4 === 0 ? { tags: ['work'] } : {}),
  }));
  await addTasks(session, SMALL_LIST_TASKS, (i) => ({ listId: small.id, title: `Small task ${i + 1}` }));
  return { session, newSession, bigListId: big.id, smallListId: small.id, searchWord: 'Quarterly' };
}

/** The session's cookies as Playwright / DevTools cookies for the app's origin. */
export function browserCookies(session: Session): { name: string; value: string; url: string }[] {
  return [...session.cookies].map(([name, value]) => ({ name, value, url: session.baseUrl }));
}
