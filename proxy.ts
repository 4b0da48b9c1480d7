import { NextResponse, type NextRequest } from 'next/server';
import { cookieNames, writeSessionCookies } from './lib/auth/cookies';
import { refreshSession } from './lib/auth/service';
import { BadRequestError } from './lib/errors';
import { problemResponse } from './lib/http';

/**
 * Page navigation only: sends signed-out visitors of private pages to sign-in and renews an expired
 * access cookie from the refresh cookie so a person stays signed in. The API checks tokens on its own.
 */
const AUTH_PAGES = ['/sign-in', '/sign-up', '/confirm', '/forgot-password', '/reset-password'];

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith('/api/')) return rejectUndecodablePath(pathname);
  const names = cookieNames();
  const isAuthPage = AUTH_PAGES.includes(pathname);
  let hasAccess = request.cookies.has(names.access);
  const refreshToken = request.cookies.get(names.refresh)?.value;

  let renewed: Awaited<ReturnType<typeof refreshSession>> | undefined;
  if (!hasAccess && refreshToken) {
    renewed = await refreshSession(refreshToken).catch(() => undefined);
    hasAccess = renewed !== undefined;
  }

  if (!hasAccess && !isAuthPage) {
    const signIn = new URL('/sign-in', request.url);
    if (pathname !== '/') signIn.searchParams.set('next', `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }
  if (!renewed) return NextResponse.next();

  // Hand the fresh token to this render too, not only to the next request.
  request.cookies.set(names.access, renewed.accessToken);
  const response = NextResponse.next({ request: { headers: request.headers } });
  writeSessionCookies(response.cookies, renewed);
  return response;
}

/** Next answers a path with broken percent-encoding with a bare 500; make it the client error it is. */
function rejectUndecodablePath(pathname: string) {
  try {
    decodeURIComponent(pathname);
    return NextResponse.next();
  } catch {
    return problemResponse(new BadRequestError('The URL path is not valid percent-encoding.'));
  }
}

export const config = {
  // API paths reach the proxy only when percent-encoded, so ordinary API calls pay nothing for it.
  matcher: ['/api/:path(.*%.*)', '/', '/account/:path*', '/activity', '/sign-in', '/sign-up', '/confirm', '/forgot-password', '/reset-password'],
};
