import type { TaskFilters } from '@/lib/query/task-filters';

/** The page URL for a set of filters: the list names the path, other defaults stay out of it. */
export function tasksHref({ q, label, tag, sort, listId }: TaskFilters): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (label) params.set('label', label);
  if (tag) params.set('tag', tag);
  if (sort) params.set('sort', sort);
  const query = params.toString();
  const path = listId ? `/lists/${encodeURIComponent(listId)}` : '/';
  return query ? `${path}?${query}` : path;
}

/** A tag's view: every open task with it, across lists. */
export function tagHref(tag: string): string {
  return `/?${new URLSearchParams({ tag }).toString()}`;
}
