import type { TaskFilters } from '@/lib/query/tasks';

/** The page URL for a set of filters: the list names the path, other defaults stay out of it. */
export function tasksHref({ status, q, label, listId }: TaskFilters): string {
  const params = new URLSearchParams();
  if (status !== 'all') params.set('status', status);
  if (q) params.set('q', q);
  if (label) params.set('label', label);
  const query = params.toString();
  const path = listId ? `/lists/${encodeURIComponent(listId)}` : '/';
  return query ? `${path}?${query}` : path;
}
