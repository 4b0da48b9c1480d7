import type { QueryClient } from '@tanstack/react-query';
import { dropList, putList } from '@/lib/query/lists';
import { mergeSyncedTask, removeCachedTask, removeCachedTasksOfList } from '@/lib/query/task-cache';
import { tagKeys, taskKeys } from '@/lib/query/task-queries';
import type { SyncPage } from './sync-api';

/**
 * Puts one sync page into the React Query caches by editing them (no refetch of the task lists):
 * newer tasks replace older copies, deleted ids leave, lists are replaced one by one. Only the small
 * queries sync cannot fill (tags, the date views' order) are invalidated, once a page; activity follows
 * the live events that start every sync (activity-follow-up.ts), since its entries come later.
 */
export function applySyncPage(queryClient: QueryClient, page: SyncPage, { insert }: { readonly insert: boolean }): void {
  let tasksChanged = page.deletedTaskIds.length > 0 || page.deletedListIds.length > 0;
  for (const list of page.lists) putList(queryClient, list);
  for (const listId of page.deletedListIds) {
    dropList(queryClient, listId);
    removeCachedTasksOfList(queryClient, listId);
  }
  for (const task of page.tasks) tasksChanged = mergeSyncedTask(queryClient, task, { insert }) || tasksChanged;
  for (const id of page.deletedTaskIds) removeCachedTask(queryClient, id);
  if (!tasksChanged) return;
  void queryClient.invalidateQueries({ queryKey: tagKeys.all });
  void queryClient.invalidateQueries({ queryKey: taskKeys.view('today') });
  void queryClient.invalidateQueries({ queryKey: taskKeys.view('upcoming') });
}
