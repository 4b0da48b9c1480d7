import { NextResponse } from 'next/server';
import { writeSessionCookies } from '@/lib/auth/cookies';
import { authenticate, loadProfile } from '@/lib/auth/service';
import { signInSchema } from '@/lib/auth/schema';
import { callerAddress } from '@/lib/auth/limits';
import { verifyAccessToken } from '@/lib/auth/tokens';
import { handle, parseJson } from '@/lib/http';

export const POST = handle(async (request) => {
  const { email, password } = await parseJson(request, signInSchema);
  const tokens = await authenticate(email, password, callerAddress(request), request.headers.get('user-agent'));
  const { sub } = await verifyAccessToken(tokens.accessToken);
  const user = await loadProfile(tokens.accessToken, sub);
  const response = NextResponse.json({ user }, { headers: { 'Cache-Control': 'no-store' } });
  writeSessionCookies(response.cookies, tokens);
  return response;
});
