import { clearSessionCookies } from '@/lib/auth/cookies';
import { forgetProfile } from '@/lib/auth/caller';
import { updateProfileSchema } from '@/lib/auth/schema';
import { deleteAccount, loadProfile, updateProfile } from '@/lib/auth/service';
import { requireUser } from '@/lib/auth/session';
import { handle, json, noContent, parseJson } from '@/lib/http';

export const GET = handle(async (request) => {
  const user = await requireUser(request);
  return json({ user: await loadProfile(user.accessToken, user.id) });
});

export const PATCH = handle(async (request) => {
  const user = await requireUser(request);
  const changes = await parseJson(request, updateProfileSchema);
  const profile = await updateProfile(user.accessToken, user.id, changes);
  forgetProfile(user.id);
  return json({ user: profile });
});

export const DELETE = handle(async (request) => {
  const user = await requireUser(request);
  await deleteAccount(user.accessToken, user.id);
  const response = noContent();
  clearSessionCookies(response.cookies);
  return response;
});
