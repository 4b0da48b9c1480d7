import { requireUser } from '@/lib/auth/session';
import { handle, json } from '@/lib/http';
import { tagsForUser } from '@/lib/tasks/tags';

/** The tags on the tasks of every list the person sees, with how many open and in all. */
export const GET = handle(async (request) => {
  const user = await requireUser(request);
  return json({ items: await tagsForUser(user.id) });
});
