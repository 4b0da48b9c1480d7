import { clearSessionCookies } from '@/lib/auth/cookies';
import { deleteAccount, loadProfile } from '@/lib/auth/service';
import { requireUser } from '@/lib/auth/session';
import { handle, json, noContent } from '@/lib/http';

export const GET = handle(async (request) => {
  const user = await requireUser(request);
  return json({ user: await loadProfile(user.accessToken, user.id) });
});

export const DELETE = handle(async (request) => {
  const user = await requireUser(request);
  await deleteAccount(user.accessToken, user.id);
  const response = noContent();
  clearSessionCookies(response.cookies);
  return response;
});
