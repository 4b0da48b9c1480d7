import { clearSessionCookies, cookieNames } from '@/lib/auth/cookies';
import { signOutSchema } from '@/lib/auth/schema';
import { signOut, signOutEverywhere } from '@/lib/auth/service';
import { accessTokenOf } from '@/lib/auth/session';
import { verifyAccessToken } from '@/lib/auth/tokens';
import { UnauthorizedError } from '@/lib/errors';
import { handle, noContent, parseOptionalJson } from '@/lib/http';

/**
 * Ends this session (or, with {everywhere: true}, every session of the account) at Cognito and on
 * every server process, then clears the cookies. Signing out an already ended session still clears them.
 */
export const POST = handle(async (request) => {
  const { everywhere } = await parseOptionalJson(request, signOutSchema);
  const token = accessTokenOf(request, (name) => request.cookies.get(name)?.value);
  const session = token ? await verifyAccessToken(token).catch((error: unknown) => (error instanceof UnauthorizedError ? null : Promise.reject(error))) : null;
  if (everywhere) {
    if (!token || !session) throw new UnauthorizedError('Sign in to sign out everywhere.');
    await signOutEverywhere(token, session.sub);
  }
  await signOut(request.cookies.get(cookieNames().refresh)?.value, session);
  const response = noContent();
  clearSessionCookies(response.cookies);
  return response;
});
