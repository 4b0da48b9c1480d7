import { callerProfile } from '@/lib/auth/caller';
import { requireUser } from '@/lib/auth/session';
import { handle, json, parseJson } from '@/lib/http';
import { createListSchema } from '@/lib/lists/schema';
import { createListForUser, listsForUser } from '@/lib/lists/service';
import { etagFor } from '@/lib/tasks/etag';
import { idempotent } from '@/lib/idempotency';

export const GET = handle(async (request) => {
  const user = await requireUser(request);
  return json({ items: await listsForUser(await callerProfile(user)) });
});

export const POST = handle(async (request) => {
  const user = await requireUser(request);
  return idempotent(request, user.id, async (body) => {
    const list = await createListForUser(await callerProfile(user), await parseJson(body, createListSchema));
    return json(list, { status: 201, headers: { Location: `/api/lists/${list.id}`, ETag: etagFor(list.version) } });
  });
});
