import { listActivityQuerySchema } from '@/lib/activity/schema';
import { listActivityForUser } from '@/lib/activity/service';
import { requireUser } from '@/lib/auth/session';
import { handle, json, validate } from '@/lib/http';

export const GET = handle(async (request) => {
  const user = await requireUser(request);
  const query = validate(listActivityQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
  return json(await listActivityForUser(user.id, query));
});
