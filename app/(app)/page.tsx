import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AllTasksHeading, taskFiltersFrom, TaskView } from '@/components/lists/task-view';
import { getCurrentUser } from '@/lib/auth/session';
import type { SearchParams } from '@/lib/search-params';

export const metadata: Metadata = { title: 'All tasks' };

/** The signed-in home: every task of every list the person can see, shared ones too. */
export default async function AllTasksPage({ searchParams }: { readonly searchParams: SearchParams }) {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in');
  const filters = taskFiltersFrom(await searchParams, null);
  return <TaskView userId={user.id} list={null} filters={filters} heading={<AllTasksHeading tag={filters.tag} />} />;
}
