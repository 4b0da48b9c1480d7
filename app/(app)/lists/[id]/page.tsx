import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { ListHeading } from '@/components/lists/list-heading';
import { taskFiltersFrom, TaskView } from '@/components/lists/task-view';
import { getCurrentUser } from '@/lib/auth/session';
import { findList } from './find-list';

export async function generateMetadata({ params }: PageProps<'/lists/[id]'>): Promise<Metadata> {
  const user = await getCurrentUser();
  const list = user ? await findList(user.id, user.timeZone, (await params).id) : null;
  return { title: list?.name ?? 'No such list' };
}

/** One list's tasks; /lists/<id> names the list, so it can be bookmarked and shared with its members. */
export default async function ListPage({ params, searchParams }: PageProps<'/lists/[id]'>) {
  const { id } = await params;
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(`/lists/${id}`)}`);
  const list = await findList(user.id, user.timeZone, id);
  if (!list) notFound();
  return <TaskView userId={user.id} list={list} filters={taskFiltersFrom(await searchParams, list.id)} heading={<ListHeading list={list} />} />;
}
