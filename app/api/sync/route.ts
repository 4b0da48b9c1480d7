import { callerProfile } from '@/lib/auth/caller';
import { requireUser } from '@/lib/auth/session';
import { handle, json, validate } from '@/lib/http';
import { syncQuerySchema } from '@/lib/sync/schema';
import { syncFor } from '@/lib/sync/service';

/** Delta sync (SPEC §6.3): what changed for the caller since `since`, a page at a time while `hasMore`. */
export const GET = handle(async (request) => {
  const user = await requireUser(request);
  const query = validate(syncQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
  return json(await syncFor(await callerProfile(user), query.since, query.limit));
});
