import { requireUser } from '@/lib/auth/session';
import { listSessions } from '@/lib/auth/sessions';
import { handle, json } from '@/lib/http';

/** The caller's active sessions; `current` marks the one this request's token belongs to. */
export const GET = handle(async (request) => {
  const user = await requireUser(request);
  const sessions = await listSessions(user.id);
  return json({ items: sessions.map((session) => ({ ...session, current: session.id === user.sessionId })) });
});
