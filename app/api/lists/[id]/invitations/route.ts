import { callerProfile } from '@/lib/auth/caller';
import { requireUser } from '@/lib/auth/session';
import { handle, json, parseJson } from '@/lib/http';
import { inviteToList, pendingInvitationsOfList } from '@/lib/lists/invitations';
import { inviteSchema } from '@/lib/lists/schema';
import { listIdOf } from '../params';
import { idempotent } from '@/lib/idempotency';

type Context = RouteContext<'/api/lists/[id]/invitations'>;

/** The list's pending invitations (owner). */
export const GET = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  return json({ items: await pendingInvitationsOfList(user.id, await listIdOf(context)) });
});

export const POST = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  const listId = await listIdOf(context);
  return idempotent(request, user.id, async (body) =>
    json(await inviteToList(await callerProfile(user), listId, await parseJson(body, inviteSchema)), { status: 201 }),
  );
});
