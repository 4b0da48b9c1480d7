import { NextResponse } from 'next/server';
import { clearSessionCookies, cookieNames } from '@/lib/auth/cookies';
import { signOut } from '@/lib/auth/service';
import { handle } from '@/lib/http';

export const POST = handle(async (request) => {
  await signOut(request.cookies.get(cookieNames().refresh)?.value);
  const response = new NextResponse(null, { status: 204 });
  clearSessionCookies(response.cookies);
  return response;
});
