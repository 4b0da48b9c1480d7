import 'server-only';
import {
  AuthenticationDetails,
  CognitoAccessToken,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  type CognitoUserSession,
  type ICognitoStorage,
} from 'amazon-cognito-identity-js';
import { env } from '../env';
import { ServiceUnavailableError } from '../errors';

/**
 * Cognito user flows through amazon-cognito-identity-js, run on the server against the configured
 * endpoint (AWS or cognito-local). Failures are rejected as CognitoError with Cognito's error code.
 */

const COGNITO_TIMEOUT_MS = 4500;
const SERVICE_NAME = 'Cognito';

export type CognitoTokens = {
  readonly accessToken: string;
  readonly idToken: string;
  readonly refreshToken: string | null;
  readonly expiresIn: number;
};

export class CognitoError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'CognitoError';
  }
}

type RawRequest = (operation: string, params: object, callback: (error: Error | null, data?: unknown) => void) => void;

/** Keeps the library's token cache per call, so no state is ever shared between two people's requests. */
class RequestScopedStorage implements ICognitoStorage {
  private readonly items = new Map<string, string>();
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

function userPool(): CognitoUserPool {
  const { COGNITO_USER_POOL_ID, COGNITO_CLIENT_ID, cognitoEndpoint } = env();
  return new CognitoUserPool({
    UserPoolId: COGNITO_USER_POOL_ID,
    ClientId: COGNITO_CLIENT_ID,
    endpoint: cognitoEndpoint.endsWith('/') ? cognitoEndpoint : `${cognitoEndpoint}/`,
    Storage: new RequestScopedStorage(),
  });
}

function cognitoUser(email: string, pool = userPool()): CognitoUser {
  const user = new CognitoUser({ Username: email, Pool: pool, Storage: new RequestScopedStorage() });
  user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
  return user;
}

function toCognitoError(error: unknown): Error {
  const code = (error as { code?: unknown } | null)?.code;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  const isServerFault = typeof status === 'number' && status >= 500;
  if (code === 'NetworkError' || code === 'InternalErrorException' || isServerFault || error instanceof TypeError) {
    return new ServiceUnavailableError(SERVICE_NAME);
  }
  if (typeof code === 'string') {
    return new CognitoError(code, error instanceof Error ? error.message : code);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Runs one library call with a deadline; the library itself has no timeout. */
function call<T>(start: (resolve: (value: T) => void, reject: (error: unknown) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ServiceUnavailableError(SERVICE_NAME)), COGNITO_TIMEOUT_MS);
    const settle = <A>(fn: (arg: A) => void) => (arg: A) => {
      clearTimeout(timer);
      fn(arg);
    };
    try {
      start(settle(resolve), settle((error: unknown) => reject(toCognitoError(error))));
    } catch (error) {
      clearTimeout(timer);
      reject(toCognitoError(error));
    }
  });
}

function nodeCallback<T>(resolve: (value: T) => void, reject: (error: unknown) => void) {
  return (error: unknown, result?: T) => (error ? reject(error) : resolve(result as T));
}

/** The library's low-level client, for token-authorized calls that need no cached session. */
function rawRequest<T>(operation: string, params: object): Promise<T> {
  const client = (userPool() as unknown as { client: { request: RawRequest } }).client;
  return call<T>((resolve, reject) =>
    client.request(operation, params, (error, data) => (error ? reject(error) : resolve(data as T))),
  );
}

function tokensFrom(session: CognitoUserSession, refreshToken: string | null): CognitoTokens {
  const accessToken = session.getAccessToken();
  return {
    accessToken: accessToken.getJwtToken(),
    idToken: session.getIdToken().getJwtToken(),
    refreshToken,
    expiresIn: Math.max(0, accessToken.getExpiration() - Math.floor(Date.now() / 1000)),
  };
}

export function signUp(email: string, password: string, name: string | null, timeZone: string | null) {
  const attributes = [new CognitoUserAttribute({ Name: 'email', Value: email })];
  if (name) attributes.push(new CognitoUserAttribute({ Name: 'name', Value: name }));
  if (timeZone) attributes.push(new CognitoUserAttribute({ Name: 'zoneinfo', Value: timeZone }));
  return call<{ userConfirmed: boolean; userSub: string }>((resolve, reject) =>
    userPool().signUp(email, password, attributes, [], (error, result) =>
      error || !result ? reject(error) : resolve({ userConfirmed: result.userConfirmed, userSub: result.userSub }),
    ),
  );
}

export function confirmSignUp(email: string, code: string) {
  return call<void>((resolve, reject) =>
    cognitoUser(email).confirmRegistration(code, false, nodeCallback(() => resolve(), reject)),
  );
}

export function resendConfirmationCode(email: string) {
  return call<void>((resolve, reject) =>
    cognitoUser(email).resendConfirmationCode(nodeCallback(() => resolve(), reject)),
  );
}

export function signIn(email: string, password: string) {
  const details = new AuthenticationDetails({ Username: email, Password: password });
  return call<CognitoTokens>((resolve, reject) => {
    const unsupportedChallenge = () => reject(new CognitoError('ChallengeNotSupported', 'Extra sign-in step required'));
    cognitoUser(email).authenticateUser(details, {
      onSuccess: (session) => resolve(tokensFrom(session, session.getRefreshToken().getToken())),
      onFailure: reject,
      newPasswordRequired: unsupportedChallenge,
      mfaRequired: unsupportedChallenge,
      totpRequired: unsupportedChallenge,
      customChallenge: unsupportedChallenge,
      mfaSetup: unsupportedChallenge,
      selectMFAType: unsupportedChallenge,
    });
  });
}

type AuthenticationResult = { AccessToken: string; IdToken: string };

/**
 * Exchanges a refresh token for new access and id tokens. Sent as one InitiateAuth call: the
 * library's refreshSession retries every failure for seconds, even a revoked token.
 */
export async function refreshTokens(refreshToken: string): Promise<CognitoTokens> {
  const { AuthenticationResult: result } = await rawRequest<{ AuthenticationResult?: AuthenticationResult }>('InitiateAuth', {
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    ClientId: env().COGNITO_CLIENT_ID,
    AuthParameters: { REFRESH_TOKEN: refreshToken },
  });
  if (!result) throw new CognitoError('NotAuthorizedException', 'No tokens returned');
  const expiresIn = new CognitoAccessToken({ AccessToken: result.AccessToken }).getExpiration() - Math.floor(Date.now() / 1000);
  return { accessToken: result.AccessToken, idToken: result.IdToken, refreshToken: null, expiresIn: Math.max(0, expiresIn) };
}

export function forgotPassword(email: string) {
  return call<void>((resolve, reject) =>
    cognitoUser(email).forgotPassword({ onSuccess: () => resolve(), onFailure: reject, inputVerificationCode: () => resolve() }),
  );
}

export function confirmForgotPassword(email: string, code: string, newPassword: string) {
  return call<void>((resolve, reject) =>
    cognitoUser(email).confirmPassword(code, newPassword, { onSuccess: () => resolve(), onFailure: reject }),
  );
}

export async function changePassword(accessToken: string, oldPassword: string, newPassword: string) {
  await rawRequest('ChangePassword', { AccessToken: accessToken, PreviousPassword: oldPassword, ProposedPassword: newPassword });
}

export type CognitoProfile = { readonly username: string; readonly attributes: Readonly<Record<string, string>> };

export async function getUser(accessToken: string): Promise<CognitoProfile> {
  const result = await rawRequest<{ Username: string; UserAttributes?: { Name: string; Value?: string }[] }>(
    'GetUser',
    { AccessToken: accessToken },
  );
  const attributes = Object.fromEntries((result.UserAttributes ?? []).map((a) => [a.Name, a.Value ?? '']));
  return { username: result.Username, attributes };
}

/** Sets the person's own standard attributes (name, zoneinfo). */
export async function updateUserAttributes(accessToken: string, attributes: Readonly<Record<string, string>>) {
  await rawRequest('UpdateUserAttributes', {
    AccessToken: accessToken,
    UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
  });
}

/** Revokes every refresh token of the person (all their devices). */
export async function globalSignOut(accessToken: string) {
  await rawRequest('GlobalSignOut', { AccessToken: accessToken });
}

export async function deleteUser(accessToken: string) {
  await rawRequest('DeleteUser', { AccessToken: accessToken });
}

/** Revokes one refresh token (and the access tokens issued from it). */
export async function revokeRefreshToken(refreshToken: string) {
  await rawRequest('RevokeToken', { Token: refreshToken, ClientId: env().COGNITO_CLIENT_ID });
}

/** Reaches Cognito's public signing keys: proof the service answers, without credentials. */
export async function checkCognitoReachable(): Promise<void> {
  const response = await fetch(`${env().cognitoIssuer}/.well-known/jwks.json`, {
    signal: AbortSignal.timeout(2000),
    cache: 'no-store',
  });
  if (!response.ok) throw new ServiceUnavailableError(SERVICE_NAME);
}
