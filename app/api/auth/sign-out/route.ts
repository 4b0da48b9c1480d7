import { clearSessionCookies, cookieNames } from '@/lib/auth/cookies';
import { signOut } from '@/lib/auth/service';
import { handle, noContent } from '@/lib/http';

export const POST = handle(async (request) => {
  await signOut(request.cookies.get(cookieNames().refresh)?.value);
  const response = noContent();
  clearSessionCookies(response.cookies);
  return response;
});
