import { writeSessionCookies } from '@/lib/auth/cookies';
import { changePassword } from '@/lib/auth/service';
import { changePasswordSchema } from '@/lib/auth/schema';
import { requireUser } from '@/lib/auth/session';
import { handle, noContent, parseJson } from '@/lib/http';

/** Every other session ends; a browser session continues on the fresh cookies set here. */
export const POST = handle(async (request) => {
  const user = await requireUser(request);
  const passwords = await parseJson(request, changePasswordSchema);
  const tokens = await changePassword(user.accessToken, user.id, passwords, request.headers.get('user-agent'));
  const response = noContent();
  // A Bearer client gets no cookies: its token has ended too, and it signs in again with the new password.
  if (!request.headers.get('authorization')) writeSessionCookies(response.cookies, tokens);
  return response;
});
