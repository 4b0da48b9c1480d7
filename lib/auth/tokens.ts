import 'server-only';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { JwtBaseError } from 'aws-jwt-verify/error';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { env } from '../env';
import { ServiceUnavailableError, UnauthorizedError } from '../errors';
import { assertSessionLive, type TokenIdentity } from './revocation';

export type VerifiedAccessToken = TokenIdentity & { readonly username: string };

const JWKS_TIMEOUT_MS = 2000;

/** Fetches the JWKS over http or https (cognito-local serves plain http) with a deadline. */
const jwksFetcher = {
  async fetch(uri: string): Promise<ArrayBuffer> {
    let response: Response;
    try {
      response = await fetch(uri, { signal: AbortSignal.timeout(JWKS_TIMEOUT_MS), cache: 'no-store' });
    } catch {
      throw new ServiceUnavailableError('Cognito');
    }
    if (!response.ok) throw new ServiceUnavailableError('Cognito');
    return response.arrayBuffer();
  },
};

function createVerifier() {
  const { cognitoIssuer, COGNITO_CLIENT_ID } = env();
  // Cognito access tokens carry client_id instead of aud; token_use tells access from id tokens.
  return JwtRsaVerifier.create(
    {
      issuer: cognitoIssuer,
      jwksUri: `${cognitoIssuer}/.well-known/jwks.json`,
      audience: null,
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== 'access') throw new Error('Not an access token');
        if (payload.client_id !== COGNITO_CLIENT_ID) throw new Error('Token was issued to another client');
        if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw new Error('Token has no subject');
        // aws-jwt-verify checks exp only when present; a token that never expires is not one Cognito issues.
        if (typeof payload.exp !== 'number') throw new Error('Token has no expiry');
      },
    },
    { jwksCache: new SimpleJwksCache({ fetcher: jwksFetcher }) },
  );
}

let verifier: ReturnType<typeof createVerifier> | undefined;

/**
 * Verifies signature (cached JWKS), issuer, token_use, client id and expiry of a Cognito access token,
 * then that its session has not been ended (lib/auth/revocation.ts), on whichever process ended it.
 */
export async function verifyAccessToken(token: string): Promise<VerifiedAccessToken> {
  verifier ??= createVerifier();
  let verified: VerifiedAccessToken;
  try {
    const payload = await verifier.verify(token);
    verified = {
      sub: payload.sub as string,
      username: typeof payload.username === 'string' ? payload.username : (payload.sub as string),
      jti: typeof payload.jti === 'string' ? payload.jti : null,
      originJti: typeof payload.origin_jti === 'string' ? payload.origin_jti : null,
      issuedAt: typeof payload.iat === 'number' ? payload.iat : 0,
      expiresAt: payload.exp ?? 0,
    };
  } catch (error) {
    if (error instanceof ServiceUnavailableError) throw error;
    if (error instanceof JwtBaseError || error instanceof Error) throw new UnauthorizedError('The session is invalid or expired.');
    throw error;
  }
  await assertSessionLive(verified);
  return verified;
}
