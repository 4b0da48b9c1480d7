import type { List } from '@/lib/lists/schema';
import type { Task } from '@/lib/tasks/schema';
import type { SyncPage } from '@/lib/sync-client/sync-api';
import type { OfflineDb } from './db';

/** The last synced state in IndexedDB: written page by page with its token, read back on start. */

const TOKEN_KEY = 'syncToken';

export async function readSyncToken(db: OfflineDb): Promise<string | null> {
  return (await db.get('meta', TOKEN_KEY)) ?? null;
}

/** One transaction: the data and the token that covers it are stored together or not at all. */
export async function storeSyncPage(db: OfflineDb, page: SyncPage): Promise<void> {
  const tx = db.transaction(['tasks', 'lists', 'meta'], 'readwrite');
  const tasks = tx.objectStore('tasks');
  const lists = tx.objectStore('lists');
  const writes: Promise<unknown>[] = [];
  for (const list of page.lists) writes.push(lists.put(list));
  for (const task of page.tasks) {
    writes.push(tasks.get(task.id).then((stored) => (stored && stored.version >= task.version ? undefined : tasks.put(task))));
  }
  for (const id of page.deletedTaskIds) writes.push(tasks.delete(id));
  for (const listId of page.deletedListIds) {
    writes.push(lists.delete(listId));
    writes.push(tasks.getAll().then((all) => Promise.all(all.filter((task) => task.listId === listId).map((task) => tasks.delete(task.id)))));
  }
  writes.push(tx.objectStore('meta').put(page.token, TOKEN_KEY));
  await Promise.all([...writes, tx.done]);
}

/** A token the server refused (410): the device starts over from empty. */
export async function forgetSyncedData(db: OfflineDb): Promise<void> {
  const tx = db.transaction(['tasks', 'lists', 'meta'], 'readwrite');
  await Promise.all([tx.objectStore('tasks').clear(), tx.objectStore('lists').clear(), tx.objectStore('meta').delete(TOKEN_KEY), tx.done]);
}

export type SyncedData = { readonly lists: readonly List[]; readonly tasks: readonly Task[] };

export async function readSyncedData(db: OfflineDb): Promise<SyncedData> {
  const [lists, tasks] = await Promise.all([db.getAll('lists'), db.getAll('tasks')]);
  return { lists, tasks };
}
