import { NextResponse, type NextRequest } from 'next/server';
import { cookieNames, writeSessionCookies } from './lib/auth/cookies';
import { refreshSession } from './lib/auth/service';
import { env } from './lib/env';
import { BadRequestError } from './lib/errors';
import { problemResponse } from './lib/http';
import { newNonce, pageContentSecurityPolicy, policyOrigins, type PolicyOrigins } from './lib/security-headers';

/**
 * Every page request: a fresh CSP nonce (Next stamps it on its own scripts), signed-out visitors of
 * private pages sent to sign-in, and an expired access cookie renewed from the refresh cookie so a
 * person stays signed in. The API checks tokens on its own; next.config.ts gives it its headers.
 */
const AUTH_PAGES = ['/sign-in', '/sign-up', '/confirm', '/forgot-password', '/reset-password'];

function isPrivatePage(pathname: string): boolean {
  return (
    pathname === '/' ||
    pathname === '/account' ||
    pathname.startsWith('/account/') ||
    pathname === '/activity' ||
    pathname === '/invitations' ||
    pathname.startsWith('/lists/')
  );
}

let origins: PolicyOrigins | undefined;

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith('/api/')) return rejectUndecodablePath(pathname);

  origins ??= policyOrigins(env());
  const nonce = newNonce();
  const policy = pageContentSecurityPolicy(nonce, origins, { dev: process.env.NODE_ENV === 'development' });
  const withPolicy = (response: NextResponse) => {
    response.headers.set('Content-Security-Policy', policy);
    return response;
  };
  /** Renders the page with the policy in the request too (Next finds the nonce there; our code in x-nonce). */
  const render = () => {
    const headers = new Headers(request.headers);
    headers.set('Content-Security-Policy', policy);
    headers.set('x-nonce', nonce);
    return withPolicy(NextResponse.next({ request: { headers } }));
  };

  const isAuthPage = AUTH_PAGES.includes(pathname);
  if (!isAuthPage && !isPrivatePage(pathname)) return render();

  const names = cookieNames();
  let hasAccess = request.cookies.has(names.access);
  const refreshToken = request.cookies.get(names.refresh)?.value;

  let renewed: Awaited<ReturnType<typeof refreshSession>> | undefined;
  if (!hasAccess && refreshToken) {
    renewed = await refreshSession(refreshToken, request.headers.get('user-agent')).catch(() => undefined);
    hasAccess = renewed !== undefined;
  }

  if (!hasAccess && !isAuthPage) {
    const signIn = new URL('/sign-in', request.url);
    if (pathname !== '/') signIn.searchParams.set('next', `${pathname}${search}`);
    return withPolicy(NextResponse.redirect(signIn));
  }
  if (!renewed) return render();

  // Hand the fresh token to this render too, not only to the next request.
  request.cookies.set(names.access, renewed.accessToken);
  const response = render();
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
  matcher: [
    // API paths reach the proxy only when percent-encoded, so ordinary API calls pay nothing for it.
    '/api/:path(.*%.*)',
    // Every page, the not-found page included; not the API or Next's static files.
    '/((?!api/|_next/static/|_next/image|favicon.ico).*)',
  ],
};
