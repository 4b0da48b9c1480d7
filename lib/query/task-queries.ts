import { infiniteQueryOptions, queryOptions, type InfiniteData } from '@tanstack/react-query';
import { fetchTags, fetchTask, fetchTaskPage } from '@/lib/client/tasks-api';
import type { TaskPage } from '@/lib/client/task-guards';
import { DEFAULT_TASK_FILTERS, taskListQuery, type TaskFilters } from './task-filters';

/** Task query keys (one factory) and the query options shared by the server prefetch and the client hooks. */

export type TaskListData = InfiniteData<TaskPage, string | null>;

/** The date views across every list: Today (overdue and due today) and Upcoming (the next 7 days), open tasks by due date. */
export type DateView = 'today' | 'upcoming';

const DATE_VIEW_PAGE_SIZE = 100;

/** The query of a date view's first page: the client's fetch and the server's prefetch both read it. */
export function dateViewQuery(view: DateView): Readonly<Record<string, string>> {
  return { view, limit: String(DATE_VIEW_PAGE_SIZE) };
}

export const taskKeys = {
  all: ['tasks'] as const,
  lists: () => [...taskKeys.all, 'list'] as const,
  list: (filters: TaskFilters) =>
    [...taskKeys.lists(), { status: filters.status, q: filters.q, label: filters.label, tag: filters.tag, listId: filters.listId, sort: filters.sort }] as const,
  view: (view: DateView) => [...taskKeys.lists(), { ...DEFAULT_TASK_FILTERS, view }] as const,
  details: () => [...taskKeys.all, 'detail'] as const,
  detail: (id: string) => [...taskKeys.details(), id] as const,
};

export const tagKeys = {
  all: ['tags'] as const,
};

export function taskListOptions(filters: TaskFilters) {
  return infiniteQueryOptions({
    queryKey: taskKeys.list(filters),
    queryFn: ({ pageParam, signal }) => fetchTaskPage(taskListQuery(filters), pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last: TaskPage) => last.nextCursor,
  });
}

/** Kept under taskKeys.lists(), so completing, editing and deleting update and refetch it like any list. */
export function taskViewOptions(view: DateView) {
  return infiniteQueryOptions({
    queryKey: taskKeys.view(view),
    queryFn: ({ pageParam, signal }) => fetchTaskPage(dateViewQuery(view), pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last: TaskPage) => last.nextCursor,
  });
}

export function taskDetailOptions(id: string) {
  return queryOptions({
    queryKey: taskKeys.detail(id),
    queryFn: ({ signal }) => fetchTask(id, signal),
    staleTime: 0,
  });
}

export function tagsOptions() {
  return queryOptions({ queryKey: tagKeys.all, queryFn: ({ signal }) => fetchTags(signal) });
}

/** The data a list query holds after its first page was fetched somewhere else (the server). */
export function firstPageData(page: TaskPage): TaskListData {
  return { pages: [page], pageParams: [null] };
}
