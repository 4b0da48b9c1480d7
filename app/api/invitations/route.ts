import { callerWithVerifiedEmail } from '@/lib/auth/caller';
import { requireUser } from '@/lib/auth/session';
import { handle, json } from '@/lib/http';
import { invitationsFor } from '@/lib/lists/invitations';

export const GET = handle(async (request) => {
  const user = await callerWithVerifiedEmail(await requireUser(request));
  return json({ items: await invitationsFor(user.email) });
});
