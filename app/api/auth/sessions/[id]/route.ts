import { clearSessionCookies } from '@/lib/auth/cookies';
import { sessionIdParamSchema } from '@/lib/auth/schema';
import { requireUser } from '@/lib/auth/session';
import { endSessionById } from '@/lib/auth/sessions';
import { NotFoundError } from '@/lib/errors';
import { handle, noContent } from '@/lib/http';

type Context = RouteContext<'/api/auth/sessions/[id]'>;

/** Ends one of the caller's sessions (a device they no longer have) on every process; 404 for any other id. */
export const DELETE = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  const parsed = sessionIdParamSchema.safeParse((await context.params).id);
  if (!parsed.success) throw new NotFoundError('There is no such session.');
  await endSessionById(user.id, parsed.data);
  const response = noContent();
  // Ending this very session is signing out: its cookies are of no use any more.
  if (parsed.data === user.sessionId) clearSessionCookies(response.cookies);
  return response;
});
