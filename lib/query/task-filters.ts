import { defaultSort, tagKey, type TaskSort } from '@/lib/tasks/rules';
import type { Attachment, StatusFilter, Task } from '@/lib/tasks/schema';

/**
 * What a task list shows, without React Query: its filters, the API query they make (the server's
 * prefetch and the client ask for the same page), and the cache's twin of the server's filtering.
 */

/**
 * `label` is a lower-cased attachment label and `tag` a tag ('' for none); `listId` null spans every
 * list the person can see; `sort` null is the view's default order.
 */
export type TaskFilters = {
  readonly status: StatusFilter;
  readonly q: string;
  readonly label: string;
  readonly tag: string;
  readonly listId: string | null;
  readonly sort: TaskSort | null;
};
export const TASK_PAGE_SIZE = 20;
export const DEFAULT_TASK_FILTERS: TaskFilters = { status: 'open', q: '', label: '', tag: '', listId: null, sort: null };

/** The order a list shows: the chosen one, or the view's default. */
export function sortOf(filters: TaskFilters): TaskSort {
  return filters.sort ?? defaultSort({ status: filters.status, listId: filters.listId, tag: filters.tag });
}

/** The query of a first page: the client's fetch and the server's prefetch both read it, so they ask for the same page. */
export function taskListQuery({ status, q, label, tag, listId, sort }: TaskFilters): Readonly<Record<string, string>> {
  return {
    status,
    limit: String(TASK_PAGE_SIZE),
    ...(q ? { q } : {}),
    ...(label ? { label } : {}),
    ...(tag ? { tag } : {}),
    ...(listId ? { listId } : {}),
    // The API orders only open tasks by choice; completed ones are newest first.
    ...(sort && status === 'open' ? { sort } : {}),
  };
}

type TaskFields = Pick<Task, 'title' | 'description' | 'completed'> &
  Partial<Pick<Task, 'listId' | 'tags'>> & { readonly attachments?: readonly Attachment[] };

/**
 * The client-side twin of the server's filters: status, list, tag (ignoring case), `q` in title or
 * description and `label` among the attachments' labels, both ignoring case.
 */
export function taskMatchesFilters(task: TaskFields, filters: TaskFilters): boolean {
  if (filters.listId && task.listId !== undefined && task.listId !== filters.listId) return false;
  if (filters.status === 'open' && task.completed) return false;
  if (filters.status === 'done' && !task.completed) return false;
  if (filters.tag && !(task.tags ?? []).some((tag) => tagKey(tag) === tagKey(filters.tag))) return false;
  const label = filters.label.trim().toLowerCase();
  if (label && !(task.attachments ?? []).some((attachment) => attachment.labels.some((l) => l.name.toLowerCase() === label))) {
    return false;
  }
  const q = filters.q.trim().toLowerCase();
  return q === '' || `${task.title}\n${task.description ?? ''}`.toLowerCase().includes(q);
}

