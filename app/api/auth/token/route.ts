import { authenticate, refreshSession } from '@/lib/auth/service';
import { tokenSchema } from '@/lib/auth/schema';
import { callerAddress } from '@/lib/auth/limits';
import { handle, json, parseJson } from '@/lib/http';

/** Tokens for scripts and API clients, which send them back as `Authorization: Bearer`. */
export const POST = handle(async (request) => {
  const input = await parseJson(request, tokenSchema);
  const userAgent = request.headers.get('user-agent');
  const tokens =
    'refreshToken' in input
      ? await refreshSession(input.refreshToken, userAgent)
      : await authenticate(input.email, input.password, callerAddress(request), userAgent);
  return json({
    accessToken: tokens.accessToken,
    idToken: tokens.idToken,
    ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
    expiresIn: tokens.expiresIn,
  });
});
