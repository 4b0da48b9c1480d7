import type { TaskFilters } from '@/lib/query/tasks';

/** The page URL for a set of filters; defaults stay out of it. */
export function tasksHref({ status, q, label }: TaskFilters): string {
  const params = new URLSearchParams();
  if (status !== 'all') params.set('status', status);
  if (q) params.set('q', q);
  if (label) params.set('label', label);
  const query = params.toString();
  return query ? `/?${query}` : '/';
}
