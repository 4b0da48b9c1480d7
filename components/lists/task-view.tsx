import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { AddTaskArea } from '@/components/tasks/add-task-area';
import { TagMenu } from '@/components/tasks/tag-menu';
import { serverToday } from '@/components/tasks/server-today';
import { TaskBrowser } from '@/components/tasks/task-browser';
import { TaskWorkspace } from '@/components/tasks/task-workspace';
import taskStyles from '@/components/tasks/tasks.module.css';
import type { List } from '@/lib/lists/schema';
import { DEFAULT_TASK_FILTERS, taskListQuery, type TaskFilters } from '@/lib/query/task-filters';
import { prefetch } from '@/lib/query/prefetch';
import { firstPageData, taskListOptions } from '@/lib/query/task-queries';
import { firstParam, type SearchParams } from '@/lib/search-params';
import { listTasksQuerySchema } from '@/lib/tasks/schema';
import { listTasks } from '@/lib/tasks/service';
import { ListEditGate } from './list-edit-gate';

/** Filters from the URL; a value the API would refuse falls back to its default. */
export function taskFiltersFrom(params: Awaited<SearchParams>, listId: string | null): TaskFilters {
  const { q, label, tag, sort } = listTasksQuerySchema.shape;
  return {
    ...DEFAULT_TASK_FILTERS,
    q: q.safeParse(firstParam(params.q)).data ?? DEFAULT_TASK_FILTERS.q,
    label: (label.safeParse(firstParam(params.label)).data ?? DEFAULT_TASK_FILTERS.label).toLowerCase(),
    tag: tag.safeParse(firstParam(params.tag)).data ?? DEFAULT_TASK_FILTERS.tag,
    sort: sort.safeParse(firstParam(params.sort)).data ?? DEFAULT_TASK_FILTERS.sort,
    listId,
  };
}

type TaskViewProps = {
  readonly userId: string;
  /** The list shown, or null for every list (All tasks). */
  readonly list: List | null;
  readonly filters: TaskFilters;
  /** The page's h1 and its actions: passed in, so a page ships only its own (All tasks has no list heading). */
  readonly heading: ReactNode;
};

/** All tasks' heading, or a tag's (with Rename and Delete) at /?tag=… (`tag` '' for none). */
export function AllTasksHeading({ tag }: { readonly tag: string }) {
  return tag ? (
    <div className={taskStyles.tagHeading}>
      <h1>+{tag}</h1>
      <TagMenu tag={tag} />
    </div>
  ) : (
    <h1>All tasks</h1>
  );
}

/** A page of tasks (one list's or all of them): the first page is read here and handed to the client cache, so it paints at once. */
export async function TaskView({ userId, list, filters, heading }: TaskViewProps) {
  const queryClient = new QueryClient();
  await prefetch(
    () => listTasks(userId, listTasksQuerySchema.parse(taskListQuery(filters))),
    (page) => queryClient.setQueryData(taskListOptions(filters).queryKey, firstPageData(page)),
    'task list',
  );
  const today = await serverToday();

  return (
    <TaskWorkspace>
      {heading}
      <ListEditGate list={list}>
        <section aria-labelledby="add-task-heading" className={`panel ${taskStyles.panel}`}>
          <h2 id="add-task-heading" className="visually-hidden">
            Add a task
          </h2>
          <AddTaskArea filters={filters} />
        </section>
      </ListEditGate>
      <section aria-labelledby="task-list-heading" className={`panel ${taskStyles.panel}`}>
        <h2 id="task-list-heading" className="visually-hidden">
          Task list
        </h2>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <TaskBrowser filters={filters} serverToday={today} />
        </HydrationBoundary>
      </section>
    </TaskWorkspace>
  );
}
