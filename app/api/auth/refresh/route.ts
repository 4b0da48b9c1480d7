import { NextResponse } from 'next/server';
import { clearSessionCookies, cookieNames, writeSessionCookies } from '@/lib/auth/cookies';
import { refreshSession } from '@/lib/auth/service';
import { UnauthorizedError } from '@/lib/errors';
import { handle, noContent, problemResponse } from '@/lib/http';

export const POST = handle(async (request) => {
  const refreshToken = request.cookies.get(cookieNames().refresh)?.value;
  if (!refreshToken) throw new UnauthorizedError('There is no session to refresh. Sign in again.');
  try {
    const tokens = await refreshSession(refreshToken, request.headers.get('user-agent'));
    const response = noContent();
    writeSessionCookies(response.cookies, tokens);
    return response;
  } catch (error) {
    if (!(error instanceof UnauthorizedError)) throw error;
    // A dead refresh token is useless: drop the cookies so the browser stops sending them.
    const response = problemResponse(error);
    const withCleared = new NextResponse(response.body, response);
    clearSessionCookies(withCleared.cookies);
    return withCleared;
  }
});
