import { requireUser } from '@/lib/auth/session';
import { handle, json } from '@/lib/http';
import { membersForUser } from '@/lib/lists/service';
import { listIdOf } from '../params';

type Context = RouteContext<'/api/lists/[id]/members'>;

export const GET = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  return json({ items: await membersForUser(user.id, await listIdOf(context)) });
});
