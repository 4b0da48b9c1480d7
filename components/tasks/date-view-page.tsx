import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/session';
import { dateViewQuery, firstPageData, taskViewOptions, type DateView as DateViewName } from '@/lib/query/task-queries';
import { listTasksQuerySchema } from '@/lib/tasks/schema';
import { listTasks } from '@/lib/tasks/service';
import { DEFAULT_TIME_ZONE } from '@/lib/time-zone';
import { DateView } from './date-view';
import { QuickAdd } from './quick-add';
import { TaskWorkspace } from './task-workspace';
import { TIME_ZONE_COOKIE, todayInTimeZone } from './dates';
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
  try {
    const page = await listTasks(user.id, listTasksQuerySchema.parse(dateViewQuery(view)), timeZone);
    queryClient.setQueryData(taskViewOptions(view).queryKey, firstPageData(page));
  } catch (error) {
    // The client fetches on its own and shows the error state with Retry if it fails too.
    console.error(JSON.stringify({ level: 'error', message: 'date view prefetch failed', view, error: String(error) }));
  }
  // The grouping is by the device's date (the time-zone cookie remembers its zone); the profile's zone otherwise.
  const serverToday = todayInTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value) ?? todayInTimeZone(timeZone);

  return (
    <TaskWorkspace>
      <h1>{title}</h1>
      <section aria-label="Add a task" className={`panel ${taskStyles.panel}`}>
        <QuickAdd listId={null} />
      </section>
      <section aria-label={label} className={`panel ${taskStyles.panel}`}>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <DateView view={view} serverToday={serverToday} />
        </HydrationBoundary>
      </section>
    </TaskWorkspace>
  );
}
