import { callerProfile } from '@/lib/auth/caller';
import { requireUser } from '@/lib/auth/session';
import { handle, json, parseJson } from '@/lib/http';
import { roleAllows } from '@/lib/lists/schema';
import { visibleMemberships } from '@/lib/lists/service';
import { parseQuickAdd } from '@/lib/tasks/quick-add';
import { parseTaskTextSchema } from '@/lib/tasks/schema';
import { DEFAULT_TIME_ZONE } from '@/lib/time-zone';

/** Quick add's one parser, for the UI and API clients alike; it saves nothing. */
export const POST = handle(async (request) => {
  const user = await requireUser(request);
  const { text } = await parseJson(request, parseTaskTextSchema);
  const [profile, memberships] = await Promise.all([callerProfile(user), visibleMemberships(user.id)]);
  const lists = memberships.filter(({ member }) => roleAllows(member.role, 'edit')).map(({ list }) => ({ id: list.list_id, name: list.name }));
  return json(parseQuickAdd(text, { now: new Date(), timeZone: profile.timeZone ?? DEFAULT_TIME_ZONE, lists }));
});
