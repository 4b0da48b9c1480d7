import { callerWithVerifiedEmail } from '@/lib/auth/caller';
import { requireUser } from '@/lib/auth/session';
import { handle, noContent } from '@/lib/http';
import { declineInvitation } from '@/lib/lists/invitations';
import { invitationIdOf } from '../params';

type Context = RouteContext<'/api/invitations/[id]/decline'>;

export const POST = handle<Context>(async (request, context) => {
  const user = await callerWithVerifiedEmail(await requireUser(request));
  await declineInvitation(user, await invitationIdOf(context));
  return noContent();
});
