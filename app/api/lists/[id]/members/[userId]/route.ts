import { requireUser } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/errors';
import { handle, json, noContent, parseJson } from '@/lib/http';
import { memberRoleSchema, userIdParamSchema } from '@/lib/lists/schema';
import { changeMemberRole, removeMember } from '@/lib/lists/service';
import { listIdOf } from '../../params';

type Context = RouteContext<'/api/lists/[id]/members/[userId]'>;

async function memberIdOf(context: Context): Promise<string> {
  const parsed = userIdParamSchema.safeParse((await context.params).userId);
  if (!parsed.success) throw new NotFoundError('There is no such member of this list.');
  return parsed.data;
}

export const PATCH = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  const [listId, memberId] = [await listIdOf(context), await memberIdOf(context)];
  const { role } = await parseJson(request, memberRoleSchema);
  return json(await changeMemberRole(user.id, listId, memberId, role));
});

export const DELETE = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  await removeMember(user.id, await listIdOf(context), await memberIdOf(context));
  return noContent();
});
