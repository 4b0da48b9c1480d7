import { requireUser } from '@/lib/auth/session';
import { handle, json, parseJson } from '@/lib/http';
import { markReadSchema } from '@/lib/reminders/notification-schema';
import { markNotificationsRead } from '@/lib/reminders/notifications';

export const POST = handle(async (request) => {
  const user = await requireUser(request);
  const which = await parseJson(request, markReadSchema);
  return json(await markNotificationsRead(user.id, which));
});
