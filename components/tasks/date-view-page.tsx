import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/session';
import { dateViewQuery, firstPageData, taskViewOptions, type DateView as DateViewName } from '@/lib/query/task-queries';
import { listTasksQuerySchema } from '@/lib/tasks/schema';
import { listTasks } from '@/lib/tasks/service';
import { prefetch } from '@/lib/query/prefetch';
import { DEFAULT_TIME_ZONE } from '@/lib/time-zone';
import { DateView } from './date-view';
import { QuickAdd } from './quick-add';
import { TaskWorkspace } from './task-workspace';
import { serverToday } from './server-today';
import taskStyles from './tasks.module.css';

type DateViewPageProps = {
  readonly view: DateViewName;
  readonly title: string;
  /** What the list of tasks is called for assistive technology. */
  readonly label: string;
  /** Where sign-in comes back to. */
  readonly path: string;
};

/**
 * Today or Upcoming as a page: the first page of the view is read here, in the person's time zone as the
 * API reads it, and handed to the client cache, so the rows are in the HTML instead of after hydration.
 */
export async function DateViewPage({ view, title, label, path }: DateViewPageProps) {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  const timeZone = user.timeZone ?? DEFAULT_TIME_ZONE;
  const queryClient = new QueryClient();
  await prefetch(
    () => listTasks(user.id, listTasksQuerySchema.parse(dateViewQuery(view)), timeZone),
    (page) => queryClient.setQueryData(taskViewOptions(view).queryKey, firstPageData(page)),
    `${view} view`,
  );
  // The grouping is by the device's date; the profile's zone when the device's is not known yet.
  const today = await serverToday(timeZone);

  return (
    <TaskWorkspace>
      <h1>{title}</h1>
      <section aria-label="Add a task" className={`panel ${taskStyles.panel}`}>
        <QuickAdd listId={null} />
      </section>
      <section aria-label={label} className={`panel ${taskStyles.panel}`}>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <DateView view={view} serverToday={today} />
        </HydrationBoundary>
      </section>
    </TaskWorkspace>
  );
}
