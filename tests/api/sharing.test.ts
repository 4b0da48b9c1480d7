/**
 * Sharing lists (SPEC §6.1): invitations (by email, with or without an account, the email itself),
 * roles (owner, editor, viewer) and what each may do, members, removal and leaving taking effect at
 * once, moves between lists, shared activity, cursors, and deleting an account.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { generateKeyBetween } from 'fractional-indexing';
import { problemFields, requiredEnv, uniqueEmail } from './client';
import {
  accept,
  allTasks,
  assertProblem,
  assertStatus,
  createList,
  createTask,
  decline,
  getList,
  getTask,
  inboxOf,
  invitations,
  invite,
  lists,
  members,
  namelessPerson,
  people,
  person,
  personWithEmail,
  share,
  sharedList,
  waitForListActivity,
  waitForMail,
  type Invitation,
  type List,
  type Member,
  type Page,
  type Person,
  type Task,
} from './lists-helpers';

const DAY_MS = 24 * 60 * 60 * 1000;

function assertPendingInvitation(invitation: Invitation, expected: { list: List; email: string; role: string; inviter: Person }) {
  assert.match(invitation.id, /^[0-9a-f-]{36}$/);
  assert.equal(invitation.listId, expected.list.id);
  assert.equal(invitation.listName, expected.list.name);
  assert.equal(invitation.email.toLowerCase(), expected.email.toLowerCase());
  assert.equal(invitation.role, expected.role);
  assert.equal(invitation.invitedBy, expected.inviter.email);
  assert.equal(invitation.status, 'pending');
  const expiresIn = Date.parse(invitation.expiresAt) - Date.now();
  assert.ok(expiresIn > DAY_MS && expiresIn <= 31 * DAY_MS, `expires in the future (days, not years): ${invitation.expiresAt}`);
}

function byUser(items: Member[]): Record<string, string> {
  return Object.fromEntries(items.map((m) => [m.userId, m.role]));
}

describe('sharing: invitations', () => {
  it('owner invites an existing account; the invitee sees it, accepts, and has the list with the invited role', async () => {
    const [alice, bob] = await people(2);
    const list = await createList(alice.session, 'Trip', '#ff8800');
    const created = await invite(alice.session, list.id, bob.email, 'editor');
    assertStatus(created, 201);
    assertPendingInvitation(created.body, { list, email: bob.email, role: 'editor', inviter: alice });

    assertProblem(await getList(bob.session, list.id), 404, 'not a member before accepting');
    const pending = await invitations(bob.session);
    assert.deepEqual(pending, [created.body]);
    assert.deepEqual(await invitations(alice.session), [], "the inviter's own invitations are unaffected");

    const accepted = await accept(bob.session, created.body.id);
    assertStatus(accepted, 200);
    assert.equal(accepted.body.id, list.id);
    assert.equal(accepted.body.name, 'Trip');
    assert.equal(accepted.body.color, '#ff8800');
    assert.equal(accepted.body.role, 'editor');
    assert.equal(accepted.body.inbox, false);
    assert.equal(accepted.body.shared, true);
    assert.equal(accepted.body.ownerId, alice.id);

    const bobs = await lists(bob.session);
    assert.deepEqual(bobs.map((l) => [l.name, l.role]), [['Inbox', 'owner'], ['Trip', 'editor']]);
    assert.deepEqual((await getList(bob.session, list.id)).body, bobs[1]);
    assert.equal((await getList(alice.session, list.id)).body.shared, true, 'shared for the owner too');
    assert.equal((await getList(alice.session, list.id)).body.role, 'owner');
    assert.deepEqual(await invitations(bob.session), [], 'no longer pending');

    const expectedMembers = [
      { userId: alice.id, email: alice.email, name: alice.name, role: 'owner' },
      { userId: bob.id, email: bob.email, name: bob.name, role: 'editor' },
    ];
    const sort = (items: Member[]) => [...items].sort((x, y) => x.role.localeCompare(y.role));
    assert.deepEqual(sort(await members(alice.session, list.id)), sort(expectedMembers as Member[]));
    assert.deepEqual(sort(await members(bob.session, list.id)), sort(expectedMembers as Member[]), 'every member sees the members');
  });

  it('accepting twice answers the same list (idempotent) and makes one membership', async () => {
    const [alice, bob] = await people(2);
    const list = await createList(alice.session, 'Once');
    const { body: invitation } = await invite(alice.session, list.id, bob.email, 'viewer');
    const [first, second] = await Promise.all([accept(bob.session, invitation.id), accept(bob.session, invitation.id)]);
    assertStatus(first, 200, 'first');
    assertStatus(second, 200, 'parallel second');
    const third = await accept(bob.session, invitation.id);
    assertStatus(third, 200, 'third');
    for (const response of [first, second, third]) {
      assert.equal(response.body.id, list.id);
      assert.equal(response.body.role, 'viewer');
    }
    assert.equal((await members(alice.session, list.id)).length, 2);
    assert.equal((await lists(bob.session)).filter((l) => l.id === list.id).length, 1);
  });

  it('matches the invitee by verified email, case-insensitively', async () => {
    const [alice, bob] = await people(2);
    const list = await createList(alice.session, 'Loud');
    const created = await invite(alice.session, list.id, bob.email.toUpperCase(), 'viewer');
    assertStatus(created, 201);
    const pending = await invitations(bob.session);
    assert.deepEqual(pending.map((i) => i.id), [created.body.id]);
    assertStatus(await accept(bob.session, created.body.id), 200);
  });

  it('an invitation to an email without an account answers the same, and waits until that person signs up', async () => {
    const [alice, bob] = await people(2);
    const list = await createList(alice.session, 'Future friends');
    const existing = await invite(alice.session, list.id, bob.email, 'editor');
    const newcomerEmail = uniqueEmail('newcomer');
    const absent = await invite(alice.session, list.id, newcomerEmail, 'editor');
    assertStatus(existing, 201, 'existing account');
    assertStatus(absent, 201, 'no account');
    assert.deepEqual(Object.keys(absent.body).sort(), Object.keys(existing.body).sort(), 'same shape');
    assert.deepEqual([...absent.headers.keys()].sort(), [...existing.headers.keys()].sort(), 'same headers');
    assertPendingInvitation(absent.body, { list, email: newcomerEmail, role: 'editor', inviter: alice });

    const newcomer = await personWithEmail(newcomerEmail);
    const pending = await invitations(newcomer.session);
    assert.deepEqual(pending, [absent.body]);
    const accepted = await accept(newcomer.session, absent.body.id);
    assertStatus(accepted, 200);
    assert.equal(accepted.body.role, 'editor');
    assert.equal((await members(alice.session, list.id)).some((m) => m.userId === newcomer.id && m.email === newcomerEmail), true);
  });

  it('inviting the same person again leaves them one pending invitation, with the latest role', async () => {
    const [alice, bob] = await people(2);
    const list = await createList(alice.session, 'Twice');
    assertStatus(await invite(alice.session, list.id, bob.email, 'editor'), 201, 'first');
    assertStatus(await invite(alice.session, list.id, bob.email, 'editor'), 201, 'same again');
    const changed = await invite(alice.session, list.id, bob.email, 'viewer');
    assertStatus(changed, 201, 'another role');
    const pending = await invitations(bob.session);
    assert.deepEqual(pending.map((i) => [i.listId, i.role]), [[list.id, 'viewer']], JSON.stringify(pending));
    assert.equal((await accept(bob.session, pending[0]!.id)).body.role, 'viewer');
  });

  it('nobody but the invitee can accept or decline; the list stays closed to them', async () => {
    const [alice, bob, carol] = await people(3);
    const list = await createList(alice.session, 'For Bob');
    const { body: invitation } = await invite(alice.session, list.id, bob.email, 'editor');
    assert.deepEqual(await invitations(carol.session), []);
    assertProblem(await accept(carol.session, invitation.id), 404, 'Carol accepts');
    assertProblem(await decline(carol.session, invitation.id), 404, 'Carol declines');
    assertProblem(await accept(alice.session, invitation.id), 404, 'the inviter accepts their own invitation');
    assertProblem(await accept(carol.session, randomUUID()), 404, 'unknown id');
    assertProblem(await accept(carol.session, 'not-an-id'), 404, 'malformed id');
    assertProblem(await getList(carol.session, list.id), 404);
    assert.deepEqual((await members(alice.session, list.id)).map((m) => m.userId), [alice.id]);
    assert.deepEqual((await invitations(bob.session)).map((i) => i.id), [invitation.id], 'still pending for Bob');
  });

  it('declining: 204, gone from GET /api/invitations, and it can no longer be accepted', async () => {
    const [alice, bob] = await people(2);
    const list = await createList(alice.session, 'Maybe');
    const { body: invitation } = await invite(alice.session, list.id, bob.email, 'viewer');
    const declined = await decline(bob.session, invitation.id);
    assert.equal(declined.status, 204, declined.text);
    assert.equal(declined.text, '');
    assert.deepEqual(await invitations(bob.session), []);
    const late = await accept(bob.session, invitation.id);
    assert.ok(late.status === 404 || late.status === 409, `accept after decline: ${late.status} ${late.text}`);
    assertProblem(late, late.status);
    assertProblem(await getList(bob.session, list.id), 404);
    assert.deepEqual((await members(alice.session, list.id)).map((m) => m.userId), [alice.id]);
  });

  it('only the owner invites: editor and viewer 403, non-member 404; nothing is sent to the invitee', async () => {
    const [alice, editor, viewer, stranger, target] = await people(5);
    const list = await sharedList(alice, editor, viewer);
    assertProblem(await invite(editor.session, list.id, target.email, 'viewer'), 403, 'editor invites');
    assertProblem(await invite(viewer.session, list.id, target.email, 'viewer'), 403, 'viewer invites');
    assertProblem(await invite(stranger.session, list.id, target.email, 'viewer'), 404, 'stranger invites');
    assert.deepEqual(await invitations(target.session), []);
  });

  const invalidInvites: [string, unknown, string][] = [
    ['an invalid email', { email: 'not-an-email', role: 'editor' }, 'email'],
    ['no email', { role: 'editor' }, 'email'],
    ['role owner', { email: 'someone@example.test', role: 'owner' }, 'role'],
    ['an unknown role', { email: 'someone@example.test', role: 'admin' }, 'role'],
    ['no role', { email: 'someone@example.test' }, 'role'],
    ['an unknown field', { email: 'someone@example.test', role: 'editor', listId: randomUUID() }, 'listId'],
  ];
  for (const [what, json, field] of invalidInvites) {
    it(`rejects an invitation with ${what} (400 naming ${field})`, async () => {
      const alice = await person();
      const list = await createList(alice.session, 'Strict');
      const response = await alice.session.request(`/api/lists/${list.id}/invitations`, { json });
      assertProblem(response, 400);
      assert.ok(problemFields(response).includes(field), `fields: ${problemFields(response).join(',')} in ${response.text}`);
    });
  }

  it('the invitee receives an email with a link to the app (needs TEST_MAIL_ENDPOINT)', async () => {
    const alice = await person('Alice Sender');
    const list = await createList(alice.session, 'Picnic');
    const inviteeEmail = uniqueEmail('mailed');
    assertStatus(await invite(alice.session, list.id, inviteeEmail, 'editor'), 201);
    const mail = await waitForMail(inviteeEmail, () => true);
    const body = `${mail.text ?? ''}\n${mail.html ?? ''}`;
    assert.match(`${mail.subject}\n${body}`, /Picnic/, 'names the list');
    assert.ok(body.includes(alice.email) || body.includes('Alice Sender'), 'names the inviter');
    const appUrl = new URL(requiredEnv('TEST_APP_URL'));
    const links = [...body.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]);
    assert.ok(
      links.some((link) => new URL(link).origin === appUrl.origin),
      `a link to the app (${appUrl.origin}); links: ${links.join(', ')}`,
    );
  });
});

describe('sharing: what each role may do', () => {
  it('an editor creates, edits, completes and deletes tasks in the shared list', async () => {
    const [alice, editor, viewer] = await people(3);
    const list = await sharedList(alice, editor, viewer);
    const byOwner = await createTask(alice.session, { title: 'From Alice', listId: list.id });
    const byEditor = await createTask(editor.session, { title: 'From the editor', listId: list.id });
    assert.equal(byEditor.listId, list.id);
    assert.equal(byEditor.createdBy, editor.id);

    const edited = await editor.session.request<Task>(`/api/tasks/${byOwner.id}`, { method: 'PATCH', json: { title: 'Edited', completed: true }, headers: { 'if-match': `"${byOwner.version}"` } });
    assertStatus(edited, 200);
    assert.equal(edited.body.title, 'Edited');
    assert.equal(edited.body.completed, true);
    assert.equal(edited.body.createdBy, alice.id, 'the creator stays');
    assertStatus(await alice.session.request(`/api/tasks/${byEditor.id}`, { method: 'PATCH', json: { priority: 'high' } }), 200, 'owner edits the editor\'s task');
    assert.equal((await getTask(alice.session, byOwner.id)).body.title, 'Edited', 'the owner sees the edit');

    assert.equal((await editor.session.request(`/api/tasks/${byOwner.id}`, { method: 'DELETE' })).status, 204);
    assertProblem(await getTask(alice.session, byOwner.id), 404, 'deleted for the owner');
    assertProblem(await getTask(viewer.session, byOwner.id), 404, 'deleted for the viewer');
    assert.deepEqual((await allTasks(viewer.session, `listId=${list.id}`)).map((t) => t.id), [byEditor.id]);
  });

  it('a viewer reads the list and its tasks but cannot create (403), edit (403) or delete (403) them', async () => {
    const [alice, editor, viewer] = await people(3);
    const list = await sharedList(alice, editor, viewer);
    const task = await createTask(alice.session, { title: 'Read me', listId: list.id, description: 'only' });

    const seen = await getTask(viewer.session, task.id);
    assertStatus(seen, 200);
    assert.deepEqual(seen.body, task);
    assert.deepEqual((await allTasks(viewer.session, `listId=${list.id}`)).map((t) => t.id), [task.id]);
    const viewed = await getList(viewer.session, list.id);
    assertStatus(viewed, 200);
    assert.equal(viewed.body.role, 'viewer');
    assert.deepEqual(viewed.body.counts, { open: 1, overdue: 0 });

    assertProblem(await viewer.session.request('/api/tasks', { json: { title: 'Nope', listId: list.id } }), 403, 'viewer creates');
    assertProblem(await viewer.session.request(`/api/tasks/${task.id}`, { method: 'PATCH', json: { title: 'Nope' } }), 403, 'viewer edits');
    assertProblem(await viewer.session.request(`/api/tasks/${task.id}`, { method: 'PATCH', json: { completed: true }, headers: { 'if-match': `"${task.version}"` } }), 403, 'viewer completes');
    assertProblem(await viewer.session.request(`/api/tasks/${task.id}`, { method: 'DELETE' }), 403, 'viewer deletes');
    assertProblem(
      await viewer.session.request(`/api/tasks/${task.id}/attachments`, { json: { fileName: 'a.png', contentType: 'image/png', size: 100 } }),
      403,
      'viewer attaches',
    );
    assert.deepEqual((await getTask(alice.session, task.id)).body, task, 'unchanged');
    assert.deepEqual((await allTasks(alice.session, `listId=${list.id}`)).map((t) => t.id), [task.id], 'nothing created');
  });

  it('only the owner renames, recolours or deletes the list: editor and viewer 403, nothing changes', async () => {
    const [alice, editor, viewer] = await people(3);
    const list = await sharedList(alice, editor, viewer, 'Owned');
    const before = (await getList(alice.session, list.id)).body;
    for (const member of [editor, viewer]) {
      assertProblem(await member.session.request(`/api/lists/${list.id}`, { method: 'PATCH', json: { name: 'Mine now' } }), 403, 'rename');
      assertProblem(await member.session.request(`/api/lists/${list.id}`, { method: 'PATCH', json: { color: '#000000' } }), 403, 'recolour');
      assertProblem(await member.session.request(`/api/lists/${list.id}`, { method: 'PATCH', json: { name: 'x', position: 'a0' } }), 403, 'rename + position');
      assertProblem(await member.session.request(`/api/lists/${list.id}`, { method: 'DELETE' }), 403, 'delete');
    }
    assert.deepEqual((await getList(alice.session, list.id)).body, before);
    assert.equal((await members(alice.session, list.id)).length, 3);
  });

  it("any member orders the list among their own lists; nobody else's order changes", async () => {
    const [alice, editor, viewer] = await people(3);
    const shared = await sharedList(alice, editor, viewer, 'Shared');
    await createList(alice.session, 'Alice later');
    await createList(viewer.session, 'Viewer own 1');
    await createList(viewer.session, 'Viewer own 2');
    const viewerLists = await lists(viewer.session);
    assert.deepEqual(viewerLists.map((l) => l.name), ['Inbox', 'Shared', 'Viewer own 1', 'Viewer own 2'], 'an accepted list goes after the existing ones');
    // The viewer accepted before making their own lists, so Shared comes first of the rest; move it last.
    const last = generateKeyBetween(viewerLists.at(-1)!.position, null);
    const moved = await viewer.session.request<List>(`/api/lists/${shared.id}`, { method: 'PATCH', json: { position: last } });
    assertStatus(moved, 200);
    assert.equal(moved.body.position, last);
    assert.equal(moved.body.name, 'Shared');
    assert.equal(moved.body.role, 'viewer');
    assert.deepEqual((await lists(viewer.session)).map((l) => l.name), ['Inbox', 'Viewer own 1', 'Viewer own 2', 'Shared']);
    assert.deepEqual((await lists(alice.session)).map((l) => l.name), ['Inbox', 'Shared', 'Alice later'], "the owner's order is untouched");
    assert.equal((await getList(alice.session, shared.id)).body.position, shared.position);
    assert.equal((await getList(alice.session, shared.id)).body.name, 'Shared');
  });

  it('every member sees the shared tasks in GET /api/tasks without listId, newest first', async () => {
    const [alice, editor, viewer] = await people(3);
    const list = await sharedList(alice, editor, viewer);
    const own = await createTask(viewer.session, { title: 'Viewer inbox' });
    const a = await createTask(alice.session, { title: 'Shared by Alice', listId: list.id });
    const e = await createTask(editor.session, { title: 'Shared by editor', listId: list.id });
    assert.deepEqual((await allTasks(viewer.session, '')).map((t) => t.id), [e.id, a.id, own.id]);
    assert.deepEqual((await allTasks(alice.session, '')).map((t) => t.id), [e.id, a.id]);
    assert.deepEqual((await allTasks(editor.session, 'status=open')).map((t) => t.id), [e.id, a.id]);
    assert.deepEqual((await allTasks(alice.session, 'q=viewer')).map((t) => t.id), [], "the viewer's Inbox is the viewer's alone");
  });
});

describe('sharing: members and roles', () => {
  it('the owner changes a role (200 Member) and it applies at once', async () => {
    const [alice, bob] = await people(2);
    const list = await createList(alice.session, 'Roles');
    await share(alice, list.id, bob, 'editor');
    const changed = await alice.session.request<Member>(`/api/lists/${list.id}/members/${bob.id}`, { method: 'PATCH', json: { role: 'viewer' } });
    assertStatus(changed, 200);
    assert.deepEqual(changed.body, { userId: bob.id, email: bob.email, name: bob.name, role: 'viewer' });
    assert.equal((await getList(bob.session, list.id)).body.role, 'viewer');
    assertProblem(await bob.session.request('/api/tasks', { json: { title: 'Now read-only', listId: list.id } }), 403);
    const back = await alice.session.request<Member>(`/api/lists/${list.id}/members/${bob.id}`, { method: 'PATCH', json: { role: 'editor' } });
    assertStatus(back, 200);
    assert.equal(back.body.role, 'editor');
    await createTask(bob.session, { title: 'Editor again', listId: list.id });
    assert.deepEqual(byUser(await members(alice.session, list.id)), { [alice.id]: 'owner', [bob.id]: 'editor' });
  });

  it('role changes: editor 403, the owner’s own role 409, an unknown member 404, a bad role 400', async () => {
    const [alice, editor, viewer] = await people(3);
    const list = await sharedList(alice, editor, viewer);
    const memberUrl = (userId: string) => `/api/lists/${list.id}/members/${userId}`;
    assertProblem(await editor.session.request(memberUrl(viewer.id), { method: 'PATCH', json: { role: 'editor' } }), 403, 'editor promotes viewer');
    assertProblem(await viewer.session.request(memberUrl(viewer.id), { method: 'PATCH', json: { role: 'editor' } }), 403, 'viewer promotes self');
    assertProblem(await alice.session.request(memberUrl(alice.id), { method: 'PATCH', json: { role: 'viewer' } }), 409, 'owner demotes self');
    assertProblem(await alice.session.request(memberUrl(randomUUID()), { method: 'PATCH', json: { role: 'viewer' } }), 404, 'unknown member');
    for (const json of [{ role: 'owner' }, { role: 'admin' }, {}]) {
      const response = await alice.session.request(memberUrl(editor.id), { method: 'PATCH', json });
      assertProblem(response, 400, JSON.stringify(json));
      assert.ok(problemFields(response).includes('role') || Object.keys(json).length === 0, response.text);
    }
    assert.deepEqual(byUser(await members(alice.session, list.id)), { [alice.id]: 'owner', [editor.id]: 'editor', [viewer.id]: 'viewer' });
  });

  it('removal takes effect on the very next request: list, tasks, task list, attachments and activity are 404', async () => {
    const [alice, bob] = await people(2);
    const list = await createList(alice.session, 'Revocable');
    await share(alice, list.id, bob, 'editor');
    const task = await createTask(alice.session, { title: 'Was visible', listId: list.id });
    const bobsTask = await createTask(bob.session, { title: 'Bob made it', listId: list.id });
    assertStatus(await getTask(bob.session, task.id), 200, 'visible while a member');
    assertStatus(await bob.session.request(`/api/activity?listId=${list.id}`), 200, 'activity while a member');

    const removed = await alice.session.request(`/api/lists/${list.id}/members/${bob.id}`, { method: 'DELETE' });
    assert.equal(removed.status, 204, removed.text);
    await assertLockedOut(bob, list.id, [task, bobsTask]);
    assert.deepEqual(byUser(await members(alice.session, list.id)), { [alice.id]: 'owner' });
    assert.equal((await getList(alice.session, list.id)).body.shared, false);
    assert.deepEqual(
      new Set((await allTasks(alice.session, `listId=${list.id}`)).map((t) => t.id)),
      new Set([task.id, bobsTask.id]),
      'tasks stay in the list, whoever made them',
    );
  });

  it('a member leaves by removing themselves (204), with the same at-once effect', async () => {
    const [alice, editor, viewer] = await people(3);
    const list = await sharedList(alice, editor, viewer);
    const task = await createTask(alice.session, { title: 'Leaving it', listId: list.id });
    const left = await viewer.session.request(`/api/lists/${list.id}/members/${viewer.id}`, { method: 'DELETE' });
    assert.equal(left.status, 204, left.text);
    await assertLockedOut(viewer, list.id, [task]);
    const leftEditor = await editor.session.request(`/api/lists/${list.id}/members/${editor.id}`, { method: 'DELETE' });
    assert.equal(leftEditor.status, 204, leftEditor.text);
    await assertLockedOut(editor, list.id, [task]);
    assert.deepEqual(byUser(await members(alice.session, list.id)), { [alice.id]: 'owner' });
  });

  it('removals: the owner cannot remove themselves (409), an editor cannot remove others (403), unknown 404', async () => {
    const [alice, editor, viewer] = await people(3);
    const list = await sharedList(alice, editor, viewer);
    const memberUrl = (userId: string) => `/api/lists/${list.id}/members/${userId}`;
    assertProblem(await alice.session.request(memberUrl(alice.id), { method: 'DELETE' }), 409, 'owner leaves');
    assertProblem(await editor.session.request(memberUrl(viewer.id), { method: 'DELETE' }), 403, 'editor removes viewer');
    assertProblem(await editor.session.request(memberUrl(alice.id), { method: 'DELETE' }), 403, 'editor removes owner');
    assertProblem(await viewer.session.request(memberUrl(editor.id), { method: 'DELETE' }), 403, 'viewer removes editor');
    assertProblem(await alice.session.request(memberUrl(randomUUID()), { method: 'DELETE' }), 404, 'unknown member');
    assert.deepEqual(byUser(await members(alice.session, list.id)), { [alice.id]: 'owner', [editor.id]: 'editor', [viewer.id]: 'viewer' });
  });

  it('a removed member can be invited again and rejoin', async () => {
    const [alice, bob] = await people(2);
    const list = await createList(alice.session, 'Again');
    await share(alice, list.id, bob, 'editor');
    assert.equal((await alice.session.request(`/api/lists/${list.id}/members/${bob.id}`, { method: 'DELETE' })).status, 204);
    const rejoined = await share(alice, list.id, bob, 'viewer');
    assert.equal(rejoined.role, 'viewer');
    assert.deepEqual(byUser(await members(alice.session, list.id)), { [alice.id]: 'owner', [bob.id]: 'viewer' });
  });

  it('deleting a shared list removes it and its tasks for every member', async () => {
    const [alice, editor, viewer] = await people(3);
    const list = await sharedList(alice, editor, viewer, 'Short-lived');
    const task = await createTask(editor.session, { title: 'By the editor', listId: list.id });
    assert.equal((await alice.session.request(`/api/lists/${list.id}`, { method: 'DELETE' })).status, 204);
    for (const member of [alice, editor, viewer]) {
      assertProblem(await getList(member.session, list.id), 404, 'list');
      assertProblem(await getTask(member.session, task.id), 404, 'task');
      assert.deepEqual((await lists(member.session)).map((l) => l.name), ['Inbox']);
      assert.deepEqual(await allTasks(member.session, ''), []);
    }
  });
});

/** After a removal: every way into the list is 404 for this person, and it left their lists. */
async function assertLockedOut(member: Person, listId: string, tasks: Task[]) {
  const s = member.session;
  assertProblem(await getList(s, listId), 404, 'GET list');
  assertProblem(await s.request(`/api/lists/${listId}/members`), 404, 'members');
  assertProblem(await s.request(`/api/tasks?listId=${listId}`), 404, 'GET /api/tasks?listId=');
  assertProblem(await s.request(`/api/activity?listId=${listId}`), 404, 'GET /api/activity?listId=');
  assertProblem(await s.request('/api/tasks', { json: { title: 'Still here?', listId } }), 404, 'create in it');
  assertProblem(await s.request(`/api/lists/${listId}`, { method: 'PATCH', json: { position: 'a5' } }), 404, 'PATCH position');
  for (const task of tasks) {
    assertProblem(await getTask(s, task.id), 404, `GET task ${task.title}`);
    assertProblem(await s.request(`/api/tasks/${task.id}`, { method: 'PATCH', json: { title: 'x' } }), 404, 'PATCH task');
    assertProblem(await s.request(`/api/tasks/${task.id}`, { method: 'DELETE' }), 404, 'DELETE task');
    assertProblem(
      await s.request(`/api/tasks/${task.id}/attachments`, { json: { fileName: 'a.png', contentType: 'image/png', size: 100 } }),
      404,
      'POST attachment',
    );
    assertProblem(await s.request(`/api/tasks/${task.id}/attachments/${randomUUID()}`), 404, 'GET attachment');
  }
  assert.ok(!(await lists(s)).some((l) => l.id === listId), 'gone from GET /api/lists');
  const visible = new Set((await allTasks(s, '')).map((t) => t.id));
  assert.ok(tasks.every((t) => !visible.has(t.id)), 'gone from GET /api/tasks');
}

describe('sharing: tasks across lists and people', () => {
  it('an editor moves a task between the shared list and their own list, both ways', async () => {
    const [alice, editor] = await people(2);
    const list = await createList(alice.session, 'Shared');
    await share(alice, list.id, editor, 'editor');
    const editorInbox = await inboxOf(editor.session);
    const task = await createTask(editor.session, { title: 'Bring it in' });
    const inward = await editor.session.request<Task>(`/api/tasks/${task.id}`, { method: 'PATCH', json: { listId: list.id } });
    assertStatus(inward, 200);
    assert.equal(inward.body.listId, list.id);
    assertStatus(await getTask(alice.session, task.id), 200, 'the owner sees it now');

    const aliceTask = await createTask(alice.session, { title: 'Take it out', listId: list.id });
    const outward = await editor.session.request<Task>(`/api/tasks/${aliceTask.id}`, { method: 'PATCH', json: { listId: editorInbox.id } });
    assertStatus(outward, 200);
    assert.equal(outward.body.listId, editorInbox.id);
    assert.equal(outward.body.createdBy, alice.id);
    assertProblem(await getTask(alice.session, aliceTask.id), 404, "in the editor's Inbox Alice is not a member of");
    assert.deepEqual((await allTasks(alice.session, `listId=${list.id}`)).map((t) => t.id), [task.id]);
  });

  it('moves need editor on both lists: viewer on the target 403, viewer on the source 403, non-member target 404', async () => {
    const [alice, editor, viewer, carol] = await people(4);
    const list = await sharedList(alice, editor, viewer);
    const carolsList = await createList(carol.session, "Carol's");
    const viewersOwn = await createTask(viewer.session, { title: "Viewer's own" });
    const shared = await createTask(alice.session, { title: 'In the shared list', listId: list.id });
    const viewerInbox = await inboxOf(viewer.session);

    assertProblem(await viewer.session.request(`/api/tasks/${viewersOwn.id}`, { method: 'PATCH', json: { listId: list.id } }), 403, 'into a list the viewer may only read');
    assertProblem(await viewer.session.request(`/api/tasks/${shared.id}`, { method: 'PATCH', json: { listId: viewerInbox.id } }), 403, 'out of a list the viewer may only read');
    assertProblem(await editor.session.request(`/api/tasks/${shared.id}`, { method: 'PATCH', json: { listId: carolsList.id } }), 404, "into Carol's list");
    assert.deepEqual((await getTask(viewer.session, viewersOwn.id)).body, viewersOwn);
    assert.deepEqual((await getTask(alice.session, shared.id)).body, shared);
    assert.deepEqual(await allTasks(carol.session, `listId=${carolsList.id}`), []);
  });

  it('a non-member gets 404 for the tasks of a shared list and their attachments, as for unknown ids', async () => {
    const [alice, editor, viewer, carol] = await people(4);
    const list = await sharedList(alice, editor, viewer);
    const task = await createTask(editor.session, { title: 'Members only', listId: list.id });
    const upload = await editor.session.request<{ attachment: { id: string } }>(`/api/tasks/${task.id}/attachments`, {
      json: { fileName: 'photo.png', contentType: 'image/png', size: 1000 },
    });
    assertStatus(upload, 201, 'an editor starts an upload');
    const attachmentId = upload.body.attachment.id;
    const base = `/api/tasks/${task.id}`;
    assertProblem(await carol.session.request(base), 404, 'GET');
    assertProblem(await carol.session.request(base, { method: 'PATCH', json: { title: 'Mine' } }), 404, 'PATCH');
    assertProblem(await carol.session.request(base, { method: 'DELETE' }), 404, 'DELETE');
    assertProblem(await carol.session.request(`${base}/attachments`, { json: { fileName: 'a.png', contentType: 'image/png', size: 100 } }), 404, 'POST attachment');
    assertProblem(await carol.session.request(`${base}/attachments/${attachmentId}`), 404, 'GET attachment');
    assertProblem(await carol.session.request(`${base}/attachments/${attachmentId}/complete`, { method: 'POST' }), 404, 'complete attachment');
    assertProblem(await carol.session.request(`${base}/attachments/${attachmentId}`, { method: 'DELETE' }), 404, 'DELETE attachment');
    const visible = await getTask(viewer.session, task.id);
    assertStatus(visible, 200);
    assert.equal(visible.body.title, 'Members only');
    assert.equal((visible.body as unknown as { attachments: unknown[] }).attachments.length, 1, 'the attachment is still there');
  });
});

describe('sharing: activity', () => {
  it("each member's change to a shared task shows in every member's list activity, with the actor", async () => {
    const [alice, bob, carol] = await people(3);
    const nameless = await namelessPerson();
    const list = await createList(alice.session, 'Busy');
    await share(alice, list.id, bob, 'editor');
    await share(alice, list.id, nameless, 'editor');
    const task = await createTask(bob.session, { title: 'Made by Bob', listId: list.id });
    assertStatus(await alice.session.request(`/api/tasks/${task.id}`, { method: 'PATCH', json: { title: 'Renamed by Alice' } }), 200);
    assertStatus(await nameless.session.request(`/api/tasks/${task.id}`, { method: 'PATCH', json: { completed: true } }), 200);

    const expected = (entries: { type: string }[]) => ['task.created', 'task.updated', 'task.completed'].every((type) => entries.some((e) => e.type === type));
    for (const member of [alice, bob, nameless]) {
      const entries = await waitForListActivity(member.session, list.id, expected);
      const of = (type: string) => entries.find((e) => e.type === type && e.taskId === task.id);
      assert.deepEqual(of('task.created')?.actor, { id: bob.id, name: bob.name });
      assert.deepEqual(of('task.updated')?.actor, { id: alice.id, name: alice.name });
      assert.deepEqual(of('task.completed')?.actor, { id: nameless.id, name: nameless.email }, 'no name: the email stands in');
      assert.deepEqual(entries.filter((e) => e.taskId === task.id).map((e) => e.type), ['task.completed', 'task.updated', 'task.created'], 'newest first');
      assert.ok(entries.every((e) => typeof e.actor?.id === 'string' && typeof e.actor.name === 'string'), 'every entry has an actor');
    }
    assertProblem(await carol.session.request(`/api/activity?listId=${list.id}`), 404, 'a non-member');
    const byTask = await carol.session.request<Page<unknown>>(`/api/activity?taskId=${task.id}`);
    assert.ok(
      byTask.status === 404 || (byTask.status === 200 && byTask.body.items.length === 0),
      `a non-member learns nothing from ?taskId=: ${byTask.status} ${byTask.text}`,
    );
  });
});

describe('sharing: cursors', () => {
  it("a shared list's cursor: a non-member 404 (access first), another member or other filters 400", async () => {
    const [alice, bob, carol] = await people(3);
    const list = await createList(alice.session, 'Paged');
    await share(alice, list.id, bob, 'viewer');
    for (let i = 0; i < 3; i += 1) await createTask(alice.session, { title: `t${i}`, listId: list.id });
    const first = await alice.session.request<Page<Task>>(`/api/tasks?listId=${list.id}&limit=1`);
    assertStatus(first, 200);
    const cursor = encodeURIComponent(first.body.nextCursor ?? '');
    assert.ok(cursor);
    assertProblem(await carol.session.request(`/api/tasks?listId=${list.id}&limit=1&cursor=${cursor}`), 404, 'non-member');
    assertProblem(await bob.session.request(`/api/tasks?listId=${list.id}&limit=1&cursor=${cursor}`), 400, "another member using Alice's cursor");
    assertProblem(await alice.session.request(`/api/tasks?listId=${list.id}&limit=1&status=open&cursor=${cursor}`), 400, 'other filters');
    const own = await bob.session.request<Page<Task>>(`/api/tasks?listId=${list.id}&limit=1`);
    const next = await bob.session.request<Page<Task>>(`/api/tasks?listId=${list.id}&limit=1&cursor=${encodeURIComponent(own.body.nextCursor ?? '')}`);
    assertStatus(next, 200, "Bob's own cursor");
    assert.deepEqual(next.body.items.map((t) => t.title), ['t1']);
  });

  it('a list activity cursor: a non-member 404, another member 400', async () => {
    const [alice, bob, carol] = await people(3);
    const list = await createList(alice.session, 'Logged');
    await share(alice, list.id, bob, 'viewer');
    for (let i = 0; i < 3; i += 1) await createTask(alice.session, { title: `e${i}`, listId: list.id });
    await waitForListActivity(alice.session, list.id, (entries) => entries.length >= 3);
    const first = await alice.session.request<Page<unknown>>(`/api/activity?listId=${list.id}&limit=1`);
    assertStatus(first, 200);
    const cursor = encodeURIComponent(first.body.nextCursor ?? '');
    assert.ok(cursor);
    assertProblem(await carol.session.request(`/api/activity?listId=${list.id}&limit=1&cursor=${cursor}`), 404, 'non-member');
    assertProblem(await bob.session.request(`/api/activity?listId=${list.id}&limit=1&cursor=${cursor}`), 400, 'another member');
  });
});

describe('sharing: deleting an account', () => {
  it('deletes the lists it owns for every member and removes its memberships elsewhere', async () => {
    const [alice, bob, carol] = await people(3);
    const alicesList = await createList(alice.session, "Alice's");
    await share(alice, alicesList.id, bob, 'editor');
    const alicesTask = await createTask(bob.session, { title: "In Alice's list", listId: alicesList.id });
    const carolsList = await createList(carol.session, "Carol's");
    await share(carol, carolsList.id, alice, 'editor');
    const leftBehind = await createTask(alice.session, { title: 'Alice made it for Carol', listId: carolsList.id });

    const deleted = await alice.session.request('/api/auth/me', { method: 'DELETE' });
    assert.equal(deleted.status, 204, deleted.text);

    assertProblem(await getList(bob.session, alicesList.id), 404, "Alice's list for Bob");
    assertProblem(await getTask(bob.session, alicesTask.id), 404, "a task of Alice's list");
    assert.deepEqual((await lists(bob.session)).map((l) => l.name), ['Inbox']);
    assert.deepEqual(byUser(await members(carol.session, carolsList.id)), { [carol.id]: 'owner' });
    assert.equal((await getList(carol.session, carolsList.id)).body.shared, false);
    // docs/data-model.md: tasks it created in lists owned by others stay there.
    const kept = await getTask(carol.session, leftBehind.id);
    assertStatus(kept, 200, 'a task Alice created in Carol\'s list stays');
    assert.equal(kept.body.listId, carolsList.id);
  });

  it("pending invitations to the deleted owner's list vanish", async () => {
    const [alice, bob] = await people(2);
    const list = await createList(alice.session, 'Never joined');
    const { body: invitation } = await invite(alice.session, list.id, bob.email, 'editor');
    assert.equal((await alice.session.request('/api/auth/me', { method: 'DELETE' })).status, 204);
    assert.deepEqual(await invitations(bob.session), []);
    const late = await accept(bob.session, invitation.id);
    assert.ok(late.status === 404 || late.status === 409, `${late.status} ${late.text}`);
    assert.deepEqual((await lists(bob.session)).map((l) => l.name), ['Inbox']);
  });
});

describe('sharing: taking an invitation back', () => {
  it('the owner cancels a pending invitation (204): it leaves both lists of invitations and cannot be accepted; others get 403/404', async () => {
    const owner = await person('Owner');
    const invitee = await person('Invitee');
    const editor = await person('Editor');
    const list = await createList(owner.session, 'Takeback');
    await share(owner, list.id, editor, 'editor');
    const sent = await invite(owner.session, list.id, invitee.email, 'viewer');
    assertStatus(sent, 201);
    const path = `/api/lists/${list.id}/invitations/${sent.body.id}`;
    assertProblem(await editor.session.request(path, { method: 'DELETE' }), 403, 'an editor');
    assertProblem(await invitee.session.request(path, { method: 'DELETE' }), 404, 'the invitee is no member');
    assertStatus(await owner.session.request(path, { method: 'DELETE' }), 204);
    const pending = await owner.session.request<{ items: Invitation[] }>(`/api/lists/${list.id}/invitations`);
    assert.deepEqual(pending.body.items, []);
    assert.deepEqual(await invitations(invitee.session), []);
    const accepted = await accept(invitee.session, sent.body.id);
    assert.ok(accepted.status === 404 || accepted.status === 409, `${accepted.status} ${accepted.text}`);
    assertProblem(await owner.session.request(path, { method: 'DELETE' }), 404, 'twice');
  });
});
