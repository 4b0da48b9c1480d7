import type { List } from '@/lib/lists/schema';
import type { Task } from '@/lib/tasks/schema';
import { apiFetch } from '@/lib/client/api';
import { expectShape, hasStrings, isArrayOf, isRecord } from '@/lib/client/response-guards';
import { isTask } from '@/lib/client/task-guards';

/** GET /api/sync (SPEC §6.3): one page of what changed for the caller since a token. */

export type SyncPage = {
  readonly lists: readonly List[];
  readonly tasks: readonly Task[];
  readonly deletedListIds: readonly string[];
  readonly deletedTaskIds: readonly string[];
  readonly token: string;
  readonly hasMore: boolean;
};

function isList(value: unknown): value is List {
  return isRecord(value) && hasStrings(value, ['id', 'name', 'role', 'position']) && typeof value.version === 'number' && typeof value.inbox === 'boolean';
}

const isId = (value: unknown): value is string => typeof value === 'string';

export function isSyncPage(value: unknown): value is SyncPage {
  return (
    isRecord(value) &&
    isArrayOf(value.lists, isList) &&
    isArrayOf(value.tasks, isTask) &&
    isArrayOf(value.deletedListIds, isId) &&
    isArrayOf(value.deletedTaskIds, isId) &&
    typeof value.token === 'string' &&
    typeof value.hasMore === 'boolean'
  );
}

export async function fetchSyncPage(since: string | null, signal?: AbortSignal): Promise<SyncPage> {
  const query = since ? `?${new URLSearchParams({ since }).toString()}` : '';
  return expectShape(await apiFetch(`/api/sync${query}`, { quiet: true, ...(signal ? { signal } : {}) }), isSyncPage, 'a sync page');
}
