import { infiniteQueryOptions } from '@tanstack/react-query';
import type { Activity } from '@/lib/activity/item';
import { apiFetch } from '@/lib/client/api';

/**
 * React Query for the activity log. Entries arrive a moment after the change (through the topic, the
 * queue and the consumer); live events start a short run of refetches that waits for them
 * (lib/sync-client/activity-follow-up.ts), so an open panel does not poll.
 */

export type ActivityPage = { readonly items: readonly Activity[]; readonly nextCursor: string | null };

export const ACTIVITY_PAGE_SIZE = 20;

export const activityKeys = {
  all: ['activity'] as const,
  list: (taskId: string | null) => [...activityKeys.all, 'list', { taskId }] as const,
};

function activityPath(taskId: string | null, cursor: string | null): string {
  const params = new URLSearchParams({ limit: String(ACTIVITY_PAGE_SIZE) });
  if (taskId) params.set('taskId', taskId);
  if (cursor) params.set('cursor', cursor);
  return `/api/activity?${params.toString()}`;
}

export async function fetchActivityPage(taskId: string | null, cursor: string | null, signal?: AbortSignal): Promise<ActivityPage> {
  return (await apiFetch(activityPath(taskId, cursor), signal ? { signal } : {})) as ActivityPage;
}

/** One task's history (taskId) or the whole account's (null), newest first. */
export function activityListOptions(taskId: string | null) {
  return infiniteQueryOptions({
    queryKey: activityKeys.list(taskId),
    queryFn: ({ pageParam, signal }) => fetchActivityPage(taskId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last: ActivityPage) => last.nextCursor,
  });
}
