import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { List } from '@/lib/lists/schema';
import type { Task } from '@/lib/tasks/schema';
import type { OutboxEntry } from './outbox-entry';

/**
 * The device's copy of the person's data (IndexedDB): the last synced lists and tasks, the sync token,
 * and the outbox of changes not yet sent. One database per user, so a second account on the same
 * browser never sees the first one's tasks.
 */

type OfflineSchema = DBSchema & {
  meta: { key: string; value: string };
  tasks: { key: string; value: Task };
  lists: { key: string; value: List };
  outbox: { key: number; value: OutboxEntry };
};

export type OfflineDb = IDBPDatabase<OfflineSchema>;

const SCHEMA_VERSION = 1;
const opened = new Map<string, Promise<OfflineDb>>();

export function openOfflineDb(userId: string): Promise<OfflineDb> {
  let db = opened.get(userId);
  if (!db) {
    db = openDB<OfflineSchema>(`todoer:${userId}`, SCHEMA_VERSION, {
      upgrade(database) {
        database.createObjectStore('meta');
        database.createObjectStore('tasks', { keyPath: 'id' });
        database.createObjectStore('lists', { keyPath: 'id' });
        database.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      },
    });
    opened.set(userId, db);
  }
  return db;
}
