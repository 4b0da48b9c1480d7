import { requireUser } from '@/lib/auth/session';
import { handle, json, validate } from '@/lib/http';
import { listNotificationsQuerySchema } from '@/lib/reminders/notification-schema';
import { listNotifications } from '@/lib/reminders/notifications';

export const GET = handle(async (request) => {
  const user = await requireUser(request);
  const query = validate(listNotificationsQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
  return json(await listNotifications(user.id, query));
});
