import { callerWithVerifiedEmail } from '@/lib/auth/caller';
import { requireUser } from '@/lib/auth/session';
import { handle, json } from '@/lib/http';
import { acceptInvitation } from '@/lib/lists/invitations';
import { invitationIdOf } from '../params';

type Context = RouteContext<'/api/invitations/[id]/accept'>;

export const POST = handle<Context>(async (request, context) => {
  const user = await callerWithVerifiedEmail(await requireUser(request));
  return json(await acceptInvitation(user, await invitationIdOf(context)));
});
