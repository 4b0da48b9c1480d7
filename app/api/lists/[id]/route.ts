import { callerProfile } from '@/lib/auth/caller';
import { requireUser } from '@/lib/auth/session';
import { handle, json, noContent, parseJson } from '@/lib/http';
import { deleteList } from '@/lib/lists/deletion';
import { updateListSchema } from '@/lib/lists/schema';
import { getListForUser, updateListForUser } from '@/lib/lists/service';
import { etagFor, versionFromIfMatch } from '@/lib/tasks/etag';
import { listIdOf } from './params';

type Context = RouteContext<'/api/lists/[id]'>;

export const GET = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  const [profile, listId] = await Promise.all([callerProfile(user), listIdOf(context)]);
  const list = await getListForUser(user.id, listId, profile.timeZone);
  return json(list, { headers: { ETag: etagFor(list.version) } });
});

export const PATCH = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  const listId = await listIdOf(context);
  const patch = await parseJson(request, updateListSchema);
  const profile = await callerProfile(user);
  const list = await updateListForUser(user.id, listId, patch, versionFromIfMatch(request.headers.get('if-match')), profile.timeZone);
  return json(list, { headers: { ETag: etagFor(list.version) } });
});

export const DELETE = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  await deleteList(user.id, await listIdOf(context));
  return noContent();
});
