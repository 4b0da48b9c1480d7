import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { AddTaskForm } from '@/components/tasks/add-task-form';
import { TIME_ZONE_COOKIE, todayInTimeZone } from '@/components/tasks/dates';
import { TaskBrowser } from '@/components/tasks/task-browser';
import { TaskWorkspace } from '@/components/tasks/task-workspace';
import styles from '@/components/tasks/tasks.module.css';
import { getCurrentUser } from '@/lib/auth/session';
import { DEFAULT_TASK_FILTERS, firstPageData, TASK_PAGE_SIZE, taskListOptions, type TaskFilters } from '@/lib/query/tasks';
import { firstParam, type SearchParams } from '@/lib/search-params';
import { listTasksQuerySchema } from '@/lib/tasks/schema';
import { listTasks } from '@/lib/tasks/service';

export const metadata: Metadata = { title: 'Your tasks' };

/** Filters from the URL; a value the API would refuse falls back to its default. */
function filtersFrom(params: Awaited<SearchParams>): TaskFilters {
  const { status, q, label } = listTasksQuerySchema.shape;
  return {
    status: status.safeParse(firstParam(params.status)).data ?? DEFAULT_TASK_FILTERS.status,
    q: q.safeParse(firstParam(params.q)).data ?? DEFAULT_TASK_FILTERS.q,
    label: (label.safeParse(firstParam(params.label)).data ?? DEFAULT_TASK_FILTERS.label).toLowerCase(),
  };
}

/** The signed-in home: the first page of tasks is read here and handed to the client cache, so it paints at once. */
export default async function TasksHomePage({ searchParams }: { readonly searchParams: SearchParams }) {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in');
  const filters = filtersFrom(await searchParams);

  const queryClient = new QueryClient();
  try {
    const page = await listTasks(user.id, listTasksQuerySchema.parse({ ...filters, limit: TASK_PAGE_SIZE }));
    queryClient.setQueryData(taskListOptions(filters).queryKey, firstPageData(page));
  } catch (error) {
    // The client fetches on its own and shows the error state with Retry if it fails too.
    console.error(JSON.stringify({ level: 'error', message: 'task list prefetch failed', error: String(error) }));
  }
  const serverToday = todayInTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value);

  return (
    <TaskWorkspace>
      <h1>Your tasks</h1>
      <section aria-labelledby="add-task-heading" className={`panel ${styles.panel}`}>
        <h2 id="add-task-heading" className="visually-hidden">
          Add a task
        </h2>
        <AddTaskForm filters={filters} />
      </section>
      <section aria-labelledby="task-list-heading" className={`panel ${styles.panel}`}>
        <h2 id="task-list-heading" className="visually-hidden">
          Task list
        </h2>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <TaskBrowser filters={filters} serverToday={serverToday} />
        </HydrationBoundary>
      </section>
    </TaskWorkspace>
  );
}
