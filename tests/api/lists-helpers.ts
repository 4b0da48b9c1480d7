/** Shared by the lists and sharing tests (SPEC §6.1): people with ids, lists, invitations, tasks, mail. */
import assert from 'node:assert/strict';
import {
  AUTH_CODE,
  createUser,
  createUserAt,
  isProblem,
  requiredEnv,
  Session,
  STRONG_PASSWORD,
  uniqueEmail,
  type ApiResponse,
} from './client';
import { caughtMail, type CaughtMail } from '../../scripts/emulators/caught-mail';

export type Role = 'owner' | 'editor' | 'viewer';

export type List = {
  id: string;
  name: string;
  color: string | null;
  inbox: boolean;
  role: Role;
  position: string;
  ownerId: string;
  shared: boolean;
  counts: { open: number; overdue: number };
  version: number;
  createdAt: string;
  updatedAt: string;
};
export type Member = { userId: string; email: string; name: string | null; role: Role };
export type Invitation = {
  id: string;
  listId: string;
  listName: string;
  email: string;
  role: 'editor' | 'viewer';
  invitedBy: string;
  status: 'pending' | 'accepted' | 'declined';
  expiresAt: string;
};
export type Task = {
  id: string;
  listId: string;
  title: string;
  description: string | null;
  completed: boolean;
  completedAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  priority: string;
  dueDate: string | null;
};
export type Items<T> = { items: T[] };
export type Page<T> = { items: T[]; nextCursor: string | null };

/** A signed-in person with their user id (the Cognito sub) and display name. */
export type Person = { id: string; email: string; name: string | null; session: Session };

export async function withId(email: string, session: Session): Promise<Person> {
  const me = await session.request<{ user: { id: string; name: string | null } }>('/api/auth/me');
  if (me.status !== 200) throw new Error(`GET /api/auth/me: ${me.status} ${me.text}`);
  return { id: me.body.user.id, email, name: me.body.user.name, session };
}

/** A fresh, confirmed, signed-in account. */
export async function person(name = 'Test Person'): Promise<Person> {
  const { email, session } = await createUser({ name });
  return withId(email, session);
}

type Tuple<N extends number, T, R extends T[] = []> = R['length'] extends N ? R : Tuple<N, T, [T, ...R]>;

/** Several fresh accounts at once, named Person 1, Person 2, … */
export function people<N extends number>(count: N): Promise<Tuple<N, Person>> {
  return Promise.all(Array.from({ length: count }, (_, index) => person(`Person ${index + 1}`))) as Promise<Tuple<N, Person>>;
}

/** An account for a given email (e.g. one that was invited before it existed). */
export async function personWithEmail(email: string, name = 'Late Joiner'): Promise<Person> {
  const { session } = await createUserAt(requiredEnv('TEST_APP_URL'), { email, name });
  return withId(email, session);
}

/** An account that signed up without a name (sign-up's `name` is optional). */
export async function namelessPerson(): Promise<Person> {
  const session = new Session();
  const email = uniqueEmail('nameless');
  const signUp = await session.request('/api/auth/sign-up', { json: { email, password: STRONG_PASSWORD } });
  if (signUp.status !== 201) throw new Error(`sign-up failed: ${signUp.status} ${signUp.text}`);
  const confirm = await session.request('/api/auth/confirm', { json: { email, code: AUTH_CODE } });
  if (confirm.status !== 204) throw new Error(`confirm failed: ${confirm.status} ${confirm.text}`);
  const signIn = await session.request('/api/auth/sign-in', { json: { email, password: STRONG_PASSWORD } });
  if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status} ${signIn.text}`);
  return withId(email, session);
}

/** Asserts status and the RFC 9457 shape, quoting the answer when either is wrong. */
export function assertProblem(response: ApiResponse, status: number, what = ''): void {
  assert.equal(response.status, status, `${what} expected ${status}, got ${response.status}: ${response.text}`);
  assert.ok(isProblem(response), `${what} problem+json expected: ${response.headers.get('content-type')} ${response.text}`);
}

export function assertStatus(response: ApiResponse, status: number, what = ''): void {
  assert.equal(response.status, status, `${what} expected ${status}, got ${response.status}: ${response.text}`);
}

export async function lists(session: Session): Promise<List[]> {
  const response = await session.request<Items<List>>('/api/lists');
  assertStatus(response, 200, 'GET /api/lists');
  return response.body.items;
}

export async function inboxOf(session: Session): Promise<List> {
  const [first] = await lists(session);
  assert.ok(first?.inbox, 'the first list is the Inbox');
  return first;
}

export async function createList(session: Session, name: string, color?: string | null): Promise<List> {
  const response = await session.request<List>('/api/lists', { json: color === undefined ? { name } : { name, color } });
  assertStatus(response, 201, `POST /api/lists ${name}`);
  return response.body;
}

export async function getList(session: Session, listId: string): Promise<ApiResponse<List>> {
  return session.request<List>(`/api/lists/${listId}`);
}

export async function members(session: Session, listId: string): Promise<Member[]> {
  const response = await session.request<Items<Member>>(`/api/lists/${listId}/members`);
  assertStatus(response, 200, `GET /api/lists/${listId}/members`);
  return response.body.items;
}

export function invite(session: Session, listId: string, email: string, role: string): Promise<ApiResponse<Invitation>> {
  return session.request<Invitation>(`/api/lists/${listId}/invitations`, { json: { email, role } });
}

export async function invitations(session: Session): Promise<Invitation[]> {
  const response = await session.request<Items<Invitation>>('/api/invitations');
  assertStatus(response, 200, 'GET /api/invitations');
  return response.body.items;
}

export function accept(session: Session, invitationId: string): Promise<ApiResponse<List>> {
  return session.request<List>(`/api/invitations/${invitationId}/accept`, { method: 'POST' });
}

export function decline(session: Session, invitationId: string): Promise<ApiResponse> {
  return session.request(`/api/invitations/${invitationId}/decline`, { method: 'POST' });
}

/** Invites `member` to the owner's list and has them accept; answers the list as the member sees it. */
export async function share(owner: Person, listId: string, member: Person, role: 'editor' | 'viewer'): Promise<List> {
  const invited = await invite(owner.session, listId, member.email, role);
  assertStatus(invited, 201, `invite ${role}`);
  const accepted = await accept(member.session, invited.body.id);
  assertStatus(accepted, 200, 'accept');
  assert.equal(accepted.body.role, role);
  return accepted.body;
}

/** A list owned by `owner`, shared with one editor and one viewer. */
export async function sharedList(owner: Person, editor: Person, viewer: Person, name = 'Shared'): Promise<List> {
  const list = await createList(owner.session, name);
  await share(owner, list.id, editor, 'editor');
  await share(owner, list.id, viewer, 'viewer');
  return list;
}

export async function createTask(session: Session, json: Record<string, unknown>): Promise<Task> {
  const response = await session.request<Task>('/api/tasks', { json });
  assertStatus(response, 201, `POST /api/tasks ${JSON.stringify(json)}`);
  return response.body;
}

export async function getTask(session: Session, taskId: string): Promise<ApiResponse<Task>> {
  return session.request<Task>(`/api/tasks/${taskId}`);
}

/** Every task of a query (all pages). */
export async function allTasks(session: Session, query: string): Promise<Task[]> {
  const tasks: Task[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages += 1) {
    const url: string = `/api/tasks?${query}${query ? '&' : ''}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response: ApiResponse<Page<Task>> = await session.request<Page<Task>>(url);
    assertStatus(response, 200, `GET ${url}`);
    tasks.push(...response.body.items);
    cursor = response.body.nextCursor;
    if (!cursor) return tasks;
  }
  throw new Error(`GET /api/tasks?${query}: pagination does not end`);
}

export type ListActivity = {
  id: string;
  type: string;
  taskId: string;
  version: number;
  at: string;
  title: string;
  actor: { id: string; name: string };
  listId?: string;
  changes: Record<string, { from: unknown; to: unknown }> | null;
};

/** Every entry of one list's activity (all pages). */
export async function listActivity(session: Session, listId: string): Promise<ListActivity[]> {
  const entries: ListActivity[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages += 1) {
    const url: string = `/api/activity?listId=${listId}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response: ApiResponse<Page<ListActivity>> = await session.request<Page<ListActivity>>(url);
    assertStatus(response, 200, `GET ${url}`);
    entries.push(...response.body.items);
    cursor = response.body.nextCursor;
    if (!cursor) return entries;
  }
  throw new Error('activity pagination does not end');
}

/** Polls one list's activity until `done` holds (the pipeline is asynchronous), or fails with what was there. */
export async function waitForListActivity(
  session: Session,
  listId: string,
  done: (entries: ListActivity[]) => boolean,
  withinMs = 15_000,
): Promise<ListActivity[]> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const entries = await listActivity(session, listId);
    if (done(entries)) return entries;
    if (Date.now() > deadline) {
      throw new Error(`list activity did not arrive in time; it holds: ${JSON.stringify(entries.map((e) => [e.type, e.title, e.actor]))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The emails the local mail catcher (TEST_MAIL_ENDPOINT) caught for `to` (To, Cc or Bcc), newest first. */
export async function mailTo(to: string): Promise<CaughtMail[]> {
  const endpoint = process.env.TEST_MAIL_ENDPOINT;
  if (!endpoint) {
    throw new Error('TEST_MAIL_ENDPOINT is not set: scripts/test.ts (stackEnv) must pass the mail catcher\'s URL to the API tests.');
  }
  return caughtMail(endpoint, { to });
}

/** Polls the local mail catcher until a mail to `to` satisfies `done`. */
export async function waitForMail(to: string, done: (mail: CaughtMail) => boolean, withinMs = 10_000): Promise<CaughtMail> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const mails = await mailTo(to);
    const found = mails.find(done);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching mail to ${to} within ${withinMs} ms; caught: ${JSON.stringify(mails.map((m) => m.subject))}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The parts of a problem that must not differ between "no such id" and "not yours". */
export function problemIdentity(response: ApiResponse): unknown {
  const body = response.body as Record<string, unknown>;
  return { status: response.status, type: body.type, title: body.title, detail: body.detail, errors: body.errors };
}
