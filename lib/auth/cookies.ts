import 'server-only';
import { env } from '../env';

/** Session cookies: httpOnly, SameSite=Lax, Secure (with the __Host- prefix) everywhere but plain-http localhost. */
export const REFRESH_TOKEN_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export function cookieNames() {
  const prefix = env().secureCookies ? '__Host-' : '';
  return { access: `${prefix}todoer_at`, refresh: `${prefix}todoer_rt` } as const;
}

type CookieWriter = {
  set(name: string, value: string, options: Record<string, unknown>): unknown;
};

function baseOptions() {
  return { httpOnly: true, secure: env().secureCookies, sameSite: 'lax', path: '/' } as const;
}

export function writeSessionCookies(
  cookies: CookieWriter,
  tokens: { accessToken: string; expiresIn: number; refreshToken: string | null },
) {
  const names = cookieNames();
  cookies.set(names.access, tokens.accessToken, { ...baseOptions(), maxAge: tokens.expiresIn });
  if (tokens.refreshToken) {
    cookies.set(names.refresh, tokens.refreshToken, { ...baseOptions(), maxAge: REFRESH_TOKEN_MAX_AGE_SECONDS });
  }
}

export function clearSessionCookies(cookies: CookieWriter) {
  const names = cookieNames();
  for (const name of [names.access, names.refresh]) cookies.set(name, '', { ...baseOptions(), maxAge: 0 });
}
