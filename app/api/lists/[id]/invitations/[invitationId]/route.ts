import { requireUser } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/errors';
import { handle, noContent } from '@/lib/http';
import { cancelInvitation } from '@/lib/lists/invitations';
import { invitationIdParamSchema } from '@/lib/lists/schema';
import { listIdOf } from '../../params';

type Context = RouteContext<'/api/lists/[id]/invitations/[invitationId]'>;

/** The owner takes back a pending invitation: it can no longer be accepted. */
export const DELETE = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  const listId = await listIdOf(context);
  const invitationId = invitationIdParamSchema.safeParse((await context.params).invitationId);
  if (!invitationId.success) throw new NotFoundError('There is no such invitation.');
  await cancelInvitation(user.id, listId, invitationId.data);
  return noContent();
});
