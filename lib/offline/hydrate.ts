import type { QueryClient } from '@tanstack/react-query';
import { listKeys, sortLists } from '@/lib/query/lists';
import { mergeSyncedTask } from '@/lib/query/task-cache';
import { openOfflineDb } from './db';
import { readSyncedData } from './synced-data';

/**
 * Opening offline: the page (served by the service worker) holds the data of its last render; the
 * device's copy of the last sync is newer, so it fills the caches on top (higher versions win).
 */
export async function hydrateFromDevice(queryClient: QueryClient, userId: string): Promise<void> {
  const { lists, tasks } = await readSyncedData(await openOfflineDb(userId));
  if (lists.length > 0) queryClient.setQueryData(listKeys.mine(), sortLists(lists));
  for (const task of tasks) mergeSyncedTask(queryClient, task, { insert: true });
}
