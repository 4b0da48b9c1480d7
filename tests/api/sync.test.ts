/**
 * Delta sync (SPEC §6.3) over real HTTP: from empty, from a token over creates, edits, moves (also to a
 * list the caller cannot see) and deletes, sharing and losing access, paging, every kind of bad token,
 * and 500 writes from two server processes while a device syncs in a loop.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { encodeSyncToken } from '../../lib/sync/token';
import { requiredEnv, type ApiResponse, type Session } from './client';
import {
  accept,
  allTasks,
  assertProblem,
  assertStatus,
  createList,
  createTask,
  invitations,
  invite,
  person,
  share,
  type List,
  type Person,
  type Task,
} from './lists-helpers';
import { sessionAt, startSecondApp, type SecondApp } from './second-app';

type SyncBody = { lists: List[]; tasks: Task[]; deletedListIds: string[]; deletedTaskIds: string[]; token: string; hasMore: boolean };

/** The test stack's SYNC_LAG_MS (the default): a change is certain to be seen by a sync that starts this long after it. */
const LAG_MS = 5_000;
const DAY_MS = 24 * 60 * 60 * 1000;

async function syncPage(session: Session, token: string | null, limit?: number): Promise<ApiResponse<SyncBody>> {
  const query = new URLSearchParams({ ...(token ? { since: token } : {}), ...(limit ? { limit: String(limit) } : {}) });
  return session.request<SyncBody>(`/api/sync${query.size > 0 ? `?${query}` : ''}`);
}

/** What every page of one sync said, together, and the token to continue from. */
type SyncRun = { lists: Map<string, List>; tasks: Map<string, Task>; deletedListIds: Set<string>; deletedTaskIds: Set<string>; token: string; pages: number };

/** Syncs until `hasMore` is false; each page's answer is checked for shape and for no id both kept and deleted. */
async function syncAll(session: Session, token: string | null, limit?: number): Promise<SyncRun> {
  const run: SyncRun = { lists: new Map(), tasks: new Map(), deletedListIds: new Set(), deletedTaskIds: new Set(), token: token ?? '', pages: 0 };
  for (;;) {
    const page = await syncPage(session, run.token || null, limit);
    assertStatus(page, 200, 'GET /api/sync');
    assert.match(page.headers.get('x-items-read') ?? '', /^\d+$/, 'the read meter reports');
    const body = page.body;
    const delivered = new Set(body.tasks.map((task) => task.id));
    assert.deepEqual(body.deletedTaskIds.filter((id) => delivered.has(id)), [], 'no task is both delivered and deleted on one page');
    for (const id of body.deletedListIds) run.deletedListIds.add(id);
    for (const id of body.deletedTaskIds) run.deletedTaskIds.add(id);
    for (const list of body.lists) run.lists.set(list.id, list);
    for (const task of body.tasks) {
      if ((run.tasks.get(task.id)?.version ?? 0) <= task.version) run.tasks.set(task.id, task);
    }
    run.token = body.token;
    run.pages += 1;
    if (!body.hasMore) return run;
    assert.ok(run.pages < 500, 'paging ends');
  }
}

/** A device's copy, kept the way a client keeps it: deletions first, then the higher version wins. */
class Device {
  readonly lists = new Map<string, List>();
  readonly tasks = new Map<string, Task>();
  /** Ids reported deleted, with the version they were held at, so a late re-delivery of an older version stays out. */
  private readonly gone = new Map<string, number>();
  token: string | null = null;

  constructor(readonly session: Session) {}

  async sync(limit?: number): Promise<void> {
    for (;;) {
      const page = await syncPage(this.session, this.token, limit);
      assertStatus(page, 200, 'device sync');
      const body = page.body;
      for (const listId of body.deletedListIds) {
        this.lists.delete(listId);
        for (const task of this.tasks.values()) if (task.listId === listId) this.forget(task.id);
      }
      for (const id of body.deletedTaskIds) this.forget(id);
      for (const list of body.lists) this.lists.set(list.id, list);
      for (const task of body.tasks) {
        if (task.version > (this.tasks.get(task.id)?.version ?? this.gone.get(task.id) ?? 0)) {
          this.tasks.set(task.id, task);
          this.gone.delete(task.id);
        }
      }
      this.token = body.token;
      if (!body.hasMore) return;
    }
  }

  private forget(id: string): void {
    const held = this.tasks.get(id);
    this.tasks.delete(id);
    // A task that moved to a list the device cannot see may come back in a later version; one deleted never does.
    if (held) this.gone.set(id, held.version);
  }
}

function versions(tasks: Iterable<Task>): Record<string, number> {
  return Object.fromEntries([...tasks].map((task) => [task.id, task.version]).sort(([a], [b]) => String(a).localeCompare(String(b))));
}

const patch = (session: Session, taskId: string, json: Record<string, unknown>) => session.request<Task>(`/api/tasks/${taskId}`, { method: 'PATCH', json });
const remove = (session: Session, taskId: string) => session.request(`/api/tasks/${taskId}`, { method: 'DELETE' });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('sync from empty and from a token', () => {
  it('from empty: every list (with counts) and every task, then nothing lost over creates, edits, moves and deletes', async () => {
    const alice = await person('Alice');
    const work = await createList(alice.session, 'Work');
    const inboxTask = await createTask(alice.session, { title: 'Buy milk', dueDate: '2020-01-01' });
    const workTask = await createTask(alice.session, { title: 'Write report', listId: work.id });
    const toDelete = await createTask(alice.session, { title: 'Old idea', listId: work.id });
    const toMove = await createTask(alice.session, { title: 'Move me' });

    const first = await syncAll(alice.session, null);
    assert.equal(first.pages, 1);
    const inbox = [...first.lists.values()].find((list) => list.inbox);
    assert.ok(inbox, 'the Inbox is there');
    assert.deepEqual([...first.lists.keys()].sort(), [inbox.id, work.id].sort());
    assert.deepEqual(inbox.counts, { open: 2, overdue: 1 }, 'counts as GET /api/lists has them');
    assert.equal(first.lists.get(work.id)?.role, 'owner');
    assert.deepEqual(versions(first.tasks.values()), versions([inboxTask, workTask, toDelete, toMove]));
    assert.deepEqual([...first.deletedTaskIds], []);

    const created = await createTask(alice.session, { title: 'New one', listId: work.id });
    const edited = (await patch(alice.session, workTask.id, { title: 'Write the report', completed: true })).body;
    const moved = (await patch(alice.session, toMove.id, { listId: work.id })).body;
    assertStatus(await remove(alice.session, toDelete.id), 204, 'delete');
    const renamed = await alice.session.request<List>(`/api/lists/${work.id}`, { method: 'PATCH', json: { name: 'Work stuff' } });
    assertStatus(renamed, 200, 'rename');

    const delta = await syncAll(alice.session, first.token);
    assert.equal(delta.tasks.get(created.id)?.title, 'New one');
    assert.equal(delta.tasks.get(edited.id)?.version, edited.version);
    assert.equal(delta.tasks.get(edited.id)?.completed, true);
    assert.equal(delta.tasks.get(moved.id)?.listId, work.id, 'a move within the caller lists arrives as the task in its new list');
    assert.ok(!delta.deletedTaskIds.has(moved.id), 'a move to a visible list is not a deletion');
    assert.deepEqual([...delta.deletedTaskIds], [toDelete.id]);
    assert.equal(delta.lists.get(work.id)?.name, 'Work stuff');
    assert.deepEqual(delta.lists.get(work.id)?.counts, { open: 2, overdue: 0 }, 'counts of a list whose tasks changed');
    assert.deepEqual([...delta.deletedListIds], []);

    // The delta applied to the first answer is what a fresh full sync says.
    const device = new Device(alice.session);
    await device.sync();
    const fresh = await syncAll(alice.session, null);
    assert.deepEqual(versions(device.tasks.values()), versions(fresh.tasks.values()));
    assert.deepEqual(versions(fresh.tasks.values()), versions(await allTasks(alice.session, 'status=all')));
  });

  it('paging with a small limit: every change once the loop ends, within one list and across lists, and a token that continues after it', async () => {
    const bob = await person('Bob');
    const lists = [await createList(bob.session, 'A'), await createList(bob.session, 'B')];
    const made: Task[] = [];
    for (let i = 0; i < 7; i += 1) made.push(await createTask(bob.session, { title: `Task ${i}`, listId: lists[i % 2]!.id }));
    made.push(await createTask(bob.session, { title: 'In the Inbox' }));

    const paged = await syncAll(bob.session, null, 2);
    assert.ok(paged.pages >= 4, `8 tasks two at a time take at least 4 pages (took ${paged.pages})`);
    assert.deepEqual(versions(paged.tasks.values()), versions(made));
    assert.equal(paged.lists.size, 3);

    const edited = (await patch(bob.session, made[3]!.id, { title: 'Edited' })).body;
    const later = await createTask(bob.session, { title: 'Later', listId: lists[0]!.id });
    const next = await syncAll(bob.session, paged.token, 1);
    assert.equal(next.tasks.get(edited.id)?.version, edited.version);
    assert.equal(next.tasks.get(later.id)?.title, 'Later');
  });
});

describe('sync reads in proportion to the changes', () => {
  it('a delta after one change reads a handful of items, whatever the size of the other lists', { timeout: 60_000 }, async () => {
    const dora = await person('Dora');
    const [big, small] = [await createList(dora.session, 'Big'), await createList(dora.session, 'Small')];
    for (let i = 0; i < 40; i += 1) await createTask(dora.session, { title: `Old ${i}`, listId: big.id });
    // Past the lag, so the next token's point lies after every one of them.
    await pause(LAG_MS + 500);
    const full = await syncPage(dora.session, null);
    assertStatus(full, 200, 'full sync');
    const fullRead = Number(full.headers.get('x-items-read'));
    assert.ok(fullRead >= 40, `a full sync reads every task (${fullRead})`);

    const added = await createTask(dora.session, { title: 'New', listId: small.id });
    const delta = await syncPage(dora.session, full.body.token);
    assertStatus(delta, 200, 'delta');
    assert.deepEqual(delta.body.tasks.map((task) => task.id), [added.id]);
    assert.deepEqual(delta.body.lists.map((list) => list.id), [small.id], 'only the list that changed');
    const deltaRead = Number(delta.headers.get('x-items-read'));
    assert.ok(deltaRead <= 20, `the delta read ${deltaRead} items (the full sync ${fullRead})`);
  });
});

describe('sync and sharing', () => {
  let owner: Person;
  let member: Person;
  before(async () => {
    [owner, member] = await Promise.all([person('Owner'), person('Member')]);
  });

  it('a member gets a list and its tasks on accepting, loses both on removal; a task moved to a list the member cannot see is gone for them', async () => {
    const shared = await createList(owner.session, 'Shared');
    const hidden = await createList(owner.session, 'Private');
    const stays = await createTask(owner.session, { title: 'Stays', listId: shared.id });
    const leaves = await createTask(owner.session, { title: 'Leaves', listId: shared.id });

    const before = await syncAll(member.session, null);
    assert.ok(!before.lists.has(shared.id));
    await share(owner, shared.id, member, 'editor');

    const joined = await syncAll(member.session, before.token);
    assert.equal(joined.lists.get(shared.id)?.role, 'editor');
    assert.equal(joined.lists.get(shared.id)?.shared, true);
    assert.deepEqual(versions(joined.tasks.values()), versions([stays, leaves]), 'a list joined comes whole');

    const ownerBefore = await syncAll(owner.session, null);
    const moved = (await patch(owner.session, leaves.id, { listId: hidden.id })).body;
    const memberAfterMove = await syncAll(member.session, joined.token);
    assert.deepEqual([...memberAfterMove.deletedTaskIds], [leaves.id], 'moved to a list the member cannot see: gone');
    assert.ok(!memberAfterMove.tasks.has(leaves.id));
    const ownerAfterMove = await syncAll(owner.session, ownerBefore.token);
    assert.equal(ownerAfterMove.tasks.get(leaves.id)?.listId, hidden.id, 'the owner sees it in its new list');
    assert.equal(ownerAfterMove.tasks.get(leaves.id)?.version, moved.version);
    assert.ok(!ownerAfterMove.deletedTaskIds.has(leaves.id));

    // And back: the member sees it again.
    await patch(owner.session, leaves.id, { listId: shared.id });
    const back = await syncAll(member.session, memberAfterMove.token);
    assert.equal(back.tasks.get(leaves.id)?.listId, shared.id);

    const removed = await owner.session.request(`/api/lists/${shared.id}/members/${member.id}`, { method: 'DELETE' });
    assertStatus(removed, 204, 'remove member');
    const afterRemoval = await syncAll(member.session, back.token);
    assert.deepEqual([...afterRemoval.deletedListIds], [shared.id]);
    assert.deepEqual([...afterRemoval.deletedTaskIds].sort(), [stays.id, leaves.id].sort(), 'the lost list’s tasks');
    assert.ok(!afterRemoval.lists.has(shared.id));
    assert.deepEqual([...afterRemoval.tasks.keys()].filter((id) => id === stays.id || id === leaves.id), []);

    // Invited again: the list and its tasks come back whole.
    const invited = await invite(owner.session, shared.id, member.email, 'viewer');
    assertStatus(invited, 201, 'invite again');
    const pending = (await invitations(member.session)).find((item) => item.listId === shared.id);
    assert.ok(pending);
    assertStatus(await accept(member.session, pending.id), 200, 'accept again');
    const rejoined = await syncAll(member.session, afterRemoval.token);
    assert.equal(rejoined.lists.get(shared.id)?.role, 'viewer');
    assert.deepEqual([...rejoined.tasks.keys()].filter((id) => id === stays.id || id === leaves.id).sort(), [stays.id, leaves.id].sort());
  });

  it('a list the owner deletes is gone for the owner and for its member; a member who leaves loses it too', async () => {
    const doomed = await createList(owner.session, 'Doomed');
    const left = await createList(owner.session, 'Left');
    await createTask(owner.session, { title: 'Doomed task', listId: doomed.id });
    const leftTask = await createTask(owner.session, { title: 'Left task', listId: left.id });
    await share(owner, doomed.id, member, 'viewer');
    await share(owner, left.id, member, 'editor');
    const ownerToken = (await syncAll(owner.session, null)).token;
    const memberStart = await syncAll(member.session, null);
    assert.ok(memberStart.lists.has(doomed.id) && memberStart.lists.has(left.id));

    assertStatus(await owner.session.request(`/api/lists/${doomed.id}`, { method: 'DELETE' }), 204, 'delete list');
    assertStatus(await member.session.request(`/api/lists/${left.id}/members/${member.id}`, { method: 'DELETE' }), 204, 'leave');

    const ownerDelta = await syncAll(owner.session, ownerToken);
    assert.deepEqual([...ownerDelta.deletedListIds], [doomed.id]);
    const memberDelta = await syncAll(member.session, memberStart.token);
    assert.deepEqual([...memberDelta.deletedListIds].sort(), [doomed.id, left.id].sort());
    assert.ok(memberDelta.deletedTaskIds.has(leftTask.id), 'the tasks of a list left');
  });
});

describe('sync tokens', () => {
  let alice: Person;
  let token = '';
  before(async () => {
    alice = await person('Token Tester');
    token = (await syncAll(alice.session, null)).token;
  });

  it('a forged, a tampered and another user’s token are 400; a bad limit is 400', async () => {
    assertProblem(await syncPage(alice.session, 'not-a-token'), 400, 'forged');
    const [payload, mac] = token.split('.');
    const flipped = `${payload!.slice(0, 5)}${payload![5] === 'A' ? 'B' : 'A'}${payload!.slice(6)}.${mac}`;
    assertProblem(await syncPage(alice.session, flipped), 400, 'tampered');
    assertProblem(await syncPage(alice.session, `${payload}.${mac!.slice(0, -2)}`), 400, 'cut signature');
    const other = await person('Other');
    assertProblem(await syncPage(other.session, token), 400, 'another user’s token');
    assertProblem(await alice.session.request('/api/sync?limit=0'), 400, 'limit 0');
    assertProblem(await alice.session.request('/api/sync?limit=abc'), 400, 'limit abc');
    assertProblem(await alice.session.request('/api/sync?other=1'), 400, 'unknown parameter');
    assert.equal((await syncPage(alice.session, token)).status, 200, 'the real token still works');
  });

  it('a token older than the 30 days deletions are kept is 410, one just younger is served', async () => {
    const secret = requiredEnv('TEST_CURSOR_SECRET');
    const signed = (daysAgo: number) => {
      const at = Date.now() - daysAgo * DAY_MS;
      return encodeSyncToken({ issuedAt: at, since: at, cut: null, cursor: null, known: new Map() }, alice.id, secret);
    };
    const expired = await syncPage(alice.session, signed(31));
    assertProblem(expired, 410, 'expired');
    assert.equal((expired.body as unknown as { type: string }).type, 'https://todoer.dev/problems/sync-token-expired');
    assertStatus(await syncPage(alice.session, signed(29)), 200, '29 days');
    assertProblem(await syncPage(alice.session, encodeSyncToken({ issuedAt: 1, since: 1, cut: null, cursor: null, known: new Map() }, alice.id, 'another-secret-of-enough-length-000')), 400, 'signed with another key');
  });

  it('a token of 200 lists stays small', () => {
    const known = new Map(Array.from({ length: 200 }, (_, i) => [`${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`, i] as const));
    const big = encodeSyncToken({ issuedAt: Date.now(), since: Date.now(), cut: null, cursor: null, known }, alice.id, 'x'.repeat(32));
    assert.ok(big.length < 5_500, `${big.length} characters`);
  });
});

/** The second process's clock is this far behind (within the lag): its writes are stamped in the past. */
const SECOND_CLOCK_BEHIND_MS = 2_000;

describe('sync under concurrent writes from two server processes', () => {
  let second: SecondApp;
  before(async () => {
    const clockBehind = fileURLToPath(new URL('./clock-behind.mjs', import.meta.url));
    second = await startSecondApp({ env: { NODE_OPTIONS: `--import ${clockBehind}`, TEST_CLOCK_BEHIND_MS: String(SECOND_CLOCK_BEHIND_MS) } });
  });
  after(async () => {
    await second.service.stop();
  });

  it('500 creates, edits, moves and deletes on two processes (one with its clock 2 s behind) while a device syncs: afterwards the device equals the server', { timeout: 90_000 }, async () => {
    const carol = await person('Carol');
    const probe = await createTask(sessionAt(second, carol.session), { title: 'Which clock?' });
    const behindBy = Date.now() - Date.parse(probe.createdAt);
    assert.ok(behindBy >= SECOND_CLOCK_BEHIND_MS - 100, `the second process stamps writes ${behindBy} ms in the past`);
    const other = await createList(carol.session, 'Other');
    const sessions = [carol.session, sessionAt(second, carol.session)];
    const device = new Device(carol.session);
    await device.sync();
    const inboxId = [...device.lists.values()].find((list) => list.inbox)!.id;

    const live: string[] = [probe.id];
    let writes = 0;
    let writing = true;
    const worker = async (index: number) => {
      // A fixed, varied mix per worker: mostly creates early on, then edits, moves and deletes.
      for (let step = 0; writes < 500; step += 1) {
        writes += 1;
        const session = sessions[(index + step) % 2]!;
        const kind = live.length < 20 || step % 5 === 0 ? 'create' : (['edit', 'edit', 'move', 'delete'] as const)[step % 4]!;
        if (kind === 'create') {
          live.push((await createTask(session, { title: `w${index}-${step}`, listId: step % 3 === 0 ? other.id : inboxId })).id);
          continue;
        }
        const id = live[(index * 7 + step * 13) % live.length]!;
        const response =
          kind === 'delete'
            ? await remove(session, id)
            : await patch(session, id, kind === 'move' ? { listId: step % 2 === 0 ? other.id : inboxId } : { title: `e${index}-${step}`, completed: step % 3 === 0 });
        // Another worker may have deleted it first.
        assert.ok([200, 204, 404].includes(response.status), `${kind}: ${response.status} ${response.text}`);
        if (kind === 'delete' && response.status === 204 && live.includes(id)) live.splice(live.indexOf(id), 1);
      }
    };
    const syncing = (async () => {
      let rounds = 0;
      while (writing) {
        await device.sync(25);
        rounds += 1;
      }
      return rounds;
    })();
    await Promise.all(Array.from({ length: 6 }, (_, index) => worker(index)));
    writing = false;
    const rounds = await syncing;
    assert.ok(rounds >= 2, `the device synced while writes went on (${rounds} rounds)`);

    await pause(LAG_MS + 500);
    await device.sync(25);
    const fresh = await syncAll(carol.session, null);
    const served = await allTasks(carol.session, 'status=all');
    assert.equal(served.length, live.length, 'the server holds what was not deleted');
    assert.deepEqual(versions(device.tasks.values()), versions(served), 'the device equals GET /api/tasks');
    assert.deepEqual(versions(device.tasks.values()), versions(fresh.tasks.values()), 'the device equals a fresh full sync');
    assert.deepEqual([...device.lists.keys()].sort(), [...fresh.lists.keys()].sort());
    for (const [id, list] of fresh.lists) assert.deepEqual(device.lists.get(id)?.counts, list.counts, `counts of ${list.name}`);
  });
});
