import 'server-only';
import { createHash } from 'node:crypto';
import type { PublicUser } from '../auth/service';
import { env } from '../env';
import type { ListItem, MemberItem } from '../lists/repository';
import type { List } from '../lists/schema';
import { listOf, visibleMembershipsWithInbox } from '../lists/service';
import type { ChangeEntry } from '../tasks/item';
import { readChanges, readTaskState } from '../tasks/repository';
import type { Task } from '../tasks/schema';
import { TaskOutcomes } from './outcomes';
import { decodeSyncToken, encodeSyncToken, SyncTokenExpiredError, type SyncCursor, type SyncState } from './token';

/**
 * Delta sync (SPEC §6.3; docs/data-model.md, "Sync"): a page reads, list by list in id order, each
 * visible list's ListChangesIndex after the token's point, and each lost list's task ids, within a
 * budget of `limit` index items; the token says where the device stands and where the page stopped.
 */

/** Tombstones live 35 days (lib/tasks/item.ts); a device away longer than this may have missed one. */
export const SYNC_RETENTION_DAYS = 30;
const RETENTION_MS = SYNC_RETENTION_DAYS * 24 * 60 * 60 * 1000;

export type SyncPage = {
  readonly lists: List[];
  readonly tasks: Task[];
  readonly deletedListIds: string[];
  readonly deletedTaskIds: string[];
  readonly token: string;
  readonly hasMore: boolean;
};

type Visible = { readonly list: ListItem; readonly member: MemberItem; readonly fingerprint: number };

/** What the List shows apart from its counts: the list's own version and the caller's role, place and joining. */
function fingerprintOf(list: ListItem, member: MemberItem): number {
  const digest = createHash('sha256').update(JSON.stringify([list.version, list.updatedAt, member.role, member.position, member.joinedAt])).digest();
  return digest.readUInt32BE(0);
}

const EMPTY: Omit<SyncState, 'issuedAt'> = { since: null, cut: null, cursor: null, known: new Map() };

/**
 * Where a list's read starts this page ('' is its start): where the last page stopped in it (from the
 * start if the caller's access changed since); after `since` for a visible list the device holds; else whole.
 */
function startOf(state: SyncState, listId: string, lost: boolean): string {
  if (state.cursor?.listId === listId) return state.cursor.lost === lost ? state.cursor.afterKey : '';
  return !lost && state.known.has(listId) && state.since !== null ? new Date(state.since).toISOString() : '';
}

type Move = Extract<ChangeEntry, { kind: 'moved' }>;

/** A move out: the task itself says where it is now; delivered if the caller sees that list, else gone. */
async function settleMoves(moves: readonly Move[], visible: ReadonlyMap<string, Visible>, outcomes: TaskOutcomes): Promise<void> {
  await Promise.all(
    moves.map(async (move) => {
      const current = await readTaskState(move.createdBy, move.taskId);
      if (current?.kind === 'task' && visible.has(current.task.listId)) outcomes.deliver(current.task);
      else outcomes.remove(move.taskId, current?.kind === 'task' ? current.task.version : current?.kind === 'deleted' ? current.version : move.version);
    }),
  );
}

export async function syncFor(user: PublicUser, since: string | undefined, limit: number): Promise<SyncPage> {
  const now = Date.now();
  const { CURSOR_SECRET: secret, SYNC_LAG_MS: lag } = env();
  const state: SyncState = since ? decodeSyncToken(since, user.id, secret) : { issuedAt: now, ...EMPTY };
  if (state.since !== null && now - state.since > RETENTION_MS) throw new SyncTokenExpiredError(SYNC_RETENTION_DAYS);

  const visible = new Map<string, Visible>(
    (await visibleMembershipsWithInbox(user)).map(({ list, member }) => [list.list_id, { list, member, fingerprint: fingerprintOf(list, member) }]),
  );
  // A round (one or more pages) reads everything after `since`; it ends at a cut taken `lag` before it began.
  const cut = state.cut ?? now - lag;
  const known = new Map(state.known);
  const reported = new Set<string>();
  const deletedListIds: string[] = [];
  const outcomes = new TaskOutcomes();
  const moves: Move[] = [];
  let budget = limit;
  let stoppedAt: SyncCursor | null = null;

  /** What one index item says, read from a visible list or from one the caller lost. */
  const take = (entry: ChangeEntry, listId: string, lost: boolean) => {
    if (!lost) reported.add(listId); // its counts may have moved
    if (entry.kind === 'moved') moves.push(entry);
    else if (entry.kind === 'deleted') outcomes.remove(entry.taskId, entry.version);
    else if (!lost) outcomes.deliver(entry.task);
    // A device cannot hold a task created after its token (give or take the lag): such an id stays unsaid.
    else if (Date.parse(entry.task.createdAt) <= state.issuedAt + lag) outcomes.remove(entry.task.id, entry.task.version);
  };

  const ids = [...new Set([...visible.keys(), ...known.keys()])].sort();
  const resumeAt = state.cursor ? ids.findIndex((id) => id >= state.cursor!.listId) : 0;
  for (const listId of resumeAt < 0 ? [] : ids.slice(resumeAt)) {
    const view = visible.get(listId);
    const lost = view === undefined;
    const from = startOf(state, listId, lost);
    if (budget <= 0) {
      stoppedAt = { listId, lost, afterKey: from };
      break;
    }
    if (view && known.get(listId) !== view.fingerprint) {
      reported.add(listId);
      known.set(listId, view.fingerprint);
    }
    let after = from;
    for (;;) {
      const chunk = await readChanges(listId, after === '' ? null : after, budget);
      budget -= chunk.entries.length;
      for (const entry of chunk.entries) take(entry, listId, lost);
      if (chunk.frontier === null) break;
      after = chunk.frontier;
      if (budget <= 0) {
        stoppedAt = { listId, lost, afterKey: after };
        break;
      }
    }
    if (stoppedAt) break;
    if (lost) {
      deletedListIds.push(listId);
      known.delete(listId);
    }
  }

  await settleMoves(moves, visible, outcomes);

  const lists = await Promise.all(
    [...visible.values()].filter(({ list }) => reported.has(list.list_id)).map(({ list, member }) => listOf(list, member, user.timeZone)),
  );
  const next: SyncState = stoppedAt
    ? { issuedAt: now, since: state.since, cut, cursor: stoppedAt, known }
    : { issuedAt: now, since: cut, cut: null, cursor: null, known };
  return {
    lists,
    tasks: outcomes.tasks(),
    deletedListIds,
    deletedTaskIds: outcomes.deletedIds(),
    token: encodeSyncToken(next, user.id, secret),
    hasMore: stoppedAt !== null,
  };
}
