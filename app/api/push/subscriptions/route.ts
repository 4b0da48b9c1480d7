import { requireUser } from '@/lib/auth/session';
import { handle, noContent, parseJson } from '@/lib/http';
import { pushEndpointSchema, pushSubscriptionSchema } from '@/lib/reminders/notification-schema';
import { subscribePush, unsubscribePush } from '@/lib/reminders/notifications';

export const POST = handle(async (request) => {
  const user = await requireUser(request);
  const subscription = await parseJson(request, pushSubscriptionSchema);
  await subscribePush(user.id, subscription);
  return noContent();
});

export const DELETE = handle(async (request) => {
  const user = await requireUser(request);
  const { endpoint } = await parseJson(request, pushEndpointSchema);
  await unsubscribePush(user.id, endpoint);
  return noContent();
});
