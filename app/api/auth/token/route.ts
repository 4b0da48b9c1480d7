import { authenticate, refreshSession } from '@/lib/auth/service';
import { tokenSchema } from '@/lib/auth/schema';
import { clientIp } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { handle, json, parseJson } from '@/lib/http';

/** Tokens for scripts and API clients, which send them back as `Authorization: Bearer`. */
export const POST = handle(async (request) => {
  const input = await parseJson(request, tokenSchema);
  const tokens =
    'refreshToken' in input
      ? await refreshSession(input.refreshToken)
      : await authenticate(input.email, input.password, clientIp(request, env().TRUSTED_PROXY_HOPS));
  return json({
    accessToken: tokens.accessToken,
    idToken: tokens.idToken,
    ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
    expiresIn: tokens.expiresIn,
  });
});
