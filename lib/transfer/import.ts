import 'server-only';
import { randomUUID } from 'node:crypto';
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';
import type { PublicUser } from '../auth/service';
import { QuotaExceededError } from '../errors';
import { purgeList } from '../lists/deletion';
import { INBOX_POSITION } from '../lists/items';
import * as lists from '../lists/repository';
import { MAX_OWNED_LISTS } from '../lists/schema';
import { ensureInbox } from '../lists/service';
import * as tasks from '../tasks/repository';
import type { Task } from '../tasks/schema';
import { syncTagEntries } from '../tasks/tag-entries';
import { assertRoomForOpenTasks } from '../tasks/quota';
import { importedTaskCount, MAX_IMPORT_TASKS, MAX_REPORTED_SKIPS, type ImportPlan, type ImportReport, type SkippedEntry } from './model';

/**
 * Writes a validated import so that no half of it is ever seen (docs/data-model.md, "Import"):
 * 1. quotas are checked before anything is written;
 * 2. each new list is written with its tasks but without the caller's member item, and a list
 *    nobody is a member of is in no view and passes no access check: it is invisible;
 * 3. tasks for the caller's Inbox (from a Todoer export) are written next;
 * 4. last, one member item per new list makes each list appear whole.
 * If any write fails, what was written is removed (the new lists entirely, the Inbox's new tasks) and
 * the error goes on (a 500, which `idempotent` does not keep, so a retry with the same key runs again).
 */

const PARALLEL_WRITES = 8;

/** A few writes at a time; a failure is thrown only once its batch has settled, so an undo sees every write that landed. */
async function inParallel<T>(items: readonly T[], write: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += PARALLEL_WRITES) {
    const failed = (await Promise.allSettled(items.slice(i, i + PARALLEL_WRITES).map(write))).find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

/** A key fractional-indexing can place others beside: a file's "a10" would break every later move. */
function isOrderKey(key: string): boolean {
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

/** The file's own keys when they are valid and all sort after `after` in the file's order, else fresh keys after it. */
function placeAfter(after: string | null, keys: readonly (string | null)[]): string[] {
  const own = keys.filter((key): key is string => key !== null && isOrderKey(key));
  const usable = own.length === keys.length && own.every((key, index) => (after === null || key > after) && (index === 0 || key > own[index - 1]!));
  return usable ? own : generateNKeysBetween(after, null, keys.length);
}

type PlannedTask = ImportPlan['lists'][number]['tasks'][number];

function newTask(userId: string, listId: string, planned: PlannedTask, position: string, now: string): Task {
  return {
    ...planned,
    id: randomUUID(),
    listId,
    subtasks: planned.subtasks.map((subtask) => ({ id: randomUUID(), ...subtask })),
    position,
    createdBy: userId,
    updatedAt: now,
    version: 1,
    attachments: [],
  };
}

/** The tasks in their order (the file's positions, else its row order), each with its place in the list. */
function tasksFor(userId: string, listId: string, planned: readonly PlannedTask[], after: string | null, now: string): Task[] {
  const ordered = [...planned].sort((a, b) => (a.position === null || b.position === null ? 0 : a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  const positions = placeAfter(after, ordered.map((task) => task.position));
  return ordered.map((task, index) => newTask(userId, listId, task, positions[index]!, now));
}

/** Imports publish no per-task events (one file may bring 10,000); devices catch up through sync. */
async function writeTask(task: Task): Promise<void> {
  await tasks.insertTask(task, []);
  await syncTagEntries(null, task);
}

/** Removes what a failed import wrote: its lists whole (they were never shown) and the Inbox tasks it added. */
async function undo(userId: string, listIds: readonly string[], inboxTasks: readonly Task[], now: string): Promise<void> {
  for (const listId of listIds) await purgeList(listId, userId);
  await inParallel(inboxTasks, async (task) => {
    await tasks.deleteTask(task, task.version, now, []);
    await syncTagEntries(task, null);
  });
}

export async function importForUser(user: PublicUser, plan: ImportPlan, skipped: readonly SkippedEntry[]): Promise<ImportReport> {
  const inboxId = await ensureInbox(user);
  const memberships = await lists.findMemberships(user.id);
  const newLists = plan.lists.filter((list) => !list.inbox);
  const owned = memberships.filter((member) => member.role === 'owner').length;
  if (owned + newLists.length > MAX_OWNED_LISTS) {
    throw new QuotaExceededError('lists', MAX_OWNED_LISTS, `This import has ${newLists.length} lists and you have ${owned}; an account has at most ${MAX_OWNED_LISTS}.`);
  }
  if (importedTaskCount(plan) > MAX_IMPORT_TASKS) {
    throw new QuotaExceededError('tasks', MAX_IMPORT_TASKS, `One import brings at most ${MAX_IMPORT_TASKS} tasks; this file has ${importedTaskCount(plan)}.`);
  }
  // Every imported list is the caller's own, so its open tasks count against the caller's quota.
  await assertRoomForOpenTasks(user.id, plan.lists.reduce((sum, list) => sum + list.tasks.filter((task) => !task.completed).length, 0));

  const now = new Date().toISOString();
  const lastList = memberships.map((member) => member.position).filter((position) => position !== INBOX_POSITION).sort().at(-1) ?? null;
  const listPositions = placeAfter(lastList, newLists.map((list) => list.position));
  const hidden: { list: lists.ListItem; member: lists.MemberItem }[] = [];
  const inboxTasks: Task[] = [];
  const written = new Set<string>();
  try {
    for (const [index, planned] of newLists.entries()) {
      const list = lists.listItem({ list_id: randomUUID(), name: planned.name, ...(planned.color ? { color: planned.color } : {}), owner_id: user.id, inbox: false, version: 1, createdAt: now, updatedAt: now });
      const member = lists.memberItem({ list_id: list.list_id, user_id: user.id, role: 'owner', email: user.email, ...(user.name ? { name: user.name } : {}), position: listPositions[index]!, joinedAt: now });
      hidden.push({ list, member });
      await lists.insertList(list);
      await inParallel(tasksFor(user.id, list.list_id, planned.tasks, null, now), writeTask);
    }
    const inbox = plan.lists.find((list) => list.inbox);
    if (inbox) {
      inboxTasks.push(...tasksFor(user.id, inboxId, inbox.tasks, await tasks.lastPosition(inboxId), now));
      await inParallel(inboxTasks, async (task) => {
        await tasks.insertTask(task, []);
        written.add(task.id);
        await syncTagEntries(null, task);
      });
    }
    for (const { member } of hidden) await lists.insertMember(member);
  } catch (error) {
    await undo(user.id, hidden.map(({ list }) => list.list_id), inboxTasks.filter((task) => written.has(task.id)), now).catch((undoError: unknown) => {
      // The first failure is the one to report; this one leaves hidden lists behind, logged to be swept.
      console.error(JSON.stringify({ level: 'error', message: 'import rollback failed', lists: hidden.map(({ list }) => list.list_id), error: String(undoError) }));
    });
    throw error;
  }
  return { imported: { lists: newLists.length, tasks: importedTaskCount(plan) }, skipped: skipped.slice(0, MAX_REPORTED_SKIPS), skippedCount: skipped.length };
}
