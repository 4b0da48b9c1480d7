import 'server-only';
import * as cognito from '../aws/cognito';
import { CognitoError } from '../aws/cognito';
import { sendEmail } from '../email/send';
import { accountExistsEmail } from '../email/templates';
import { env } from '../env';
import {
  AppError,
  BadRequestError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
} from '../errors';
import { deleteAccountData } from '../lists/deletion';
import { assertSessionLive, claimsOfFreshToken, endAllSessions, endSession, identityOfFreshToken, vouchForNewSession, type TokenIdentity } from './revocation';
import { forgetAllSessions, forgetSession, recordSessionStart, touchSession } from './sessions';
import { assertSignInAllowed, recordSignInFailure, recordSignInSuccess } from './limits';

/** Account rules on top of Cognito: error wording, enumeration safety and sign-in throttling. */

export type PublicUser = {
  readonly id: string;
  readonly email: string;
  readonly name: string | null;
  /** IANA time zone that decides the person's "today" (Cognito's standard `zoneinfo`); null until set. */
  readonly timeZone: string | null;
};

const WRONG_CREDENTIALS = 'Incorrect email or password.';
const THROTTLED = 'Too many attempts. Wait a little and try again.';

function throttled(): TooManyRequestsError {
  return new TooManyRequestsError(THROTTLED, 60);
}

/** Maps the Cognito codes every flow shares; flow-specific ones are handled before calling this. */
function commonFailure(error: unknown): unknown {
  if (!(error instanceof CognitoError)) return error;
  switch (error.code) {
    case 'InvalidPasswordException':
      return new ValidationError([{ field: 'password', message: error.message }]);
    case 'CodeMismatchException':
      return new ValidationError([{ field: 'code', message: 'That code is not correct.' }]);
    case 'ExpiredCodeException':
      return new ValidationError([{ field: 'code', message: 'That code has expired. Ask for a new one.' }]);
    case 'LimitExceededException':
    case 'TooManyRequestsException':
    case 'TooManyFailedAttemptsException':
      return throttled();
    case 'NotAuthorizedException':
      return new UnauthorizedError('The session is invalid or expired.');
    case 'InvalidParameterException':
      return new BadRequestError(error.message);
    default:
      return error;
  }
}

/** Treats the listed Cognito codes as success: the outcome the caller wanted already holds. */
async function ignoring(codes: readonly string[], operation: Promise<unknown>): Promise<void> {
  try {
    await operation;
  } catch (error) {
    if (error instanceof CognitoError && codes.includes(error.code)) return;
    throw error;
  }
}

async function mapped<T>(operation: Promise<T>, special: (error: CognitoError) => unknown = () => undefined): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    if (error instanceof CognitoError) throw special(error) ?? commonFailure(error);
    throw error;
  }
}

/**
 * Signs up. An address that already has an account gets the same answer as a new one (nothing tells a
 * stranger who has an account); `existing` tells the caller to let the owner know by email instead.
 */
export async function registerUser(input: { email: string; password: string; name: string | null; timeZone?: string }) {
  try {
    const { userConfirmed } = await mapped(cognito.signUp(input.email, input.password, input.name, input.timeZone ?? null), (error) => {
      if (error.code === 'UsernameExistsException') return new AlreadyRegistered();
      if (error.code === 'InvalidPasswordException') return new ValidationError([{ field: 'password', message: error.message }]);
    });
    return { userConfirmed, existing: false };
  } catch (error) {
    if (error instanceof AlreadyRegistered) return { userConfirmed: false, existing: true };
    throw error;
  }
}

/** Cognito's "this address has an account", kept inside this module: it never reaches a response. */
class AlreadyRegistered extends Error {}

/** The email to the owner of an address that already has an account (sign-up, resend-code). */
export async function tellOwnerAccountExists(email: string): Promise<void> {
  const origin = env().APP_ORIGIN;
  const message = accountExistsEmail({
    signInUrl: new URL(`/sign-in?email=${encodeURIComponent(email)}`, origin).href,
    resetUrl: new URL(`/forgot-password?email=${encodeURIComponent(email)}`, origin).href,
  });
  try {
    await sendEmail({ to: email, ...message });
  } catch (error) {
    // The request has been answered already; a lost courtesy email is logged, not retried.
    console.warn(JSON.stringify({ level: 'warn', event: 'account-exists-email-failed', error: error instanceof Error ? error.name : 'Error' }));
  }
}

export async function confirmUser(email: string, code: string) {
  await mapped(cognito.confirmSignUp(email, code), (error) => {
    // Same answer for unknown emails as for wrong codes: the page must not reveal who has an account.
    if (error.code === 'UserNotFoundException' || error.code === 'NotAuthorizedException') {
      return new ValidationError([{ field: 'code', message: 'That code is not correct.' }]);
    }
  });
}

/** Sends a new code; an unknown or already confirmed address answers the same (`confirmed` says which). */
export async function resendCode(email: string): Promise<{ alreadyConfirmed: boolean }> {
  try {
    await mapped(ignoring(['UserNotFoundException'], cognito.resendConfirmationCode(email)), (error) => {
      if (error.code === 'InvalidParameterException') return new AlreadyRegistered();
    });
    return { alreadyConfirmed: false };
  } catch (error) {
    if (error instanceof AlreadyRegistered) return { alreadyConfirmed: true };
    throw error;
  }
}

/**
 * Signs in with a password and records the session it starts (for the account page's list).
 * Unknown email and wrong password give the same 401; repeated failures give 429.
 */
export async function authenticate(email: string, password: string, clientIp: string, userAgent: string | null) {
  await assertSignInAllowed(email, clientIp);
  try {
    const tokens = await mapped(cognito.signIn(email, password), (error) => {
      if (error.code === 'NotAuthorizedException' || error.code === 'UserNotFoundException') {
        return new UnauthorizedError(WRONG_CREDENTIALS);
      }
      // Cognito reports this only after the password matched, so it reveals nothing to a guesser.
      if (error.code === 'UserNotConfirmedException') {
        return new AppError(403, 'Account not confirmed', 'Confirm your email address with the code we sent.');
      }
      if (error.code === 'PasswordResetRequiredException') {
        return new AppError(403, 'Password reset required', 'Reset your password to continue.');
      }
    });
    await recordSignInSuccess(email, clientIp);
    await vouchForNewSession(tokens.accessToken);
    await recordSessionStart(tokens.accessToken, userAgent);
    return tokens;
  } catch (error) {
    if (error instanceof UnauthorizedError) await recordSignInFailure(email, clientIp);
    throw error;
  }
}

/**
 * New tokens for a refresh token. Cognito cannot revoke a refresh token the app does not hold (a session
 * ended from another device), so the tokens it issues are checked like any request's: a refresh of an
 * ended session is refused (401) here.
 */
export async function refreshSession(refreshToken: string, userAgent: string | null) {
  const tokens = await mapped(cognito.refreshTokens(refreshToken), (error) => {
    if (error.code === 'NotAuthorizedException' || error.code === 'UserNotFoundException') {
      return new UnauthorizedError('The session has ended. Sign in again.');
    }
  });
  const identity = identityOfFreshToken(tokens.accessToken);
  if (identity) await assertSessionLive(identity);
  await touchSession(tokens.accessToken, userAgent);
  return tokens;
}

/** Ends this session: its refresh token at Cognito, its access token on every process of ours. */
export async function signOut(refreshToken: string | undefined, session: TokenIdentity | null) {
  if (session) {
    await endSession(session);
    if (session.originJti) await forgetSession(session.sub, session.originJti);
  }
  if (!refreshToken) return;
  // Already revoked, expired or never valid: the cookies get cleared either way.
  await mapped(ignoring(['NotAuthorizedException', 'UnsupportedTokenTypeException'], cognito.revokeRefreshToken(refreshToken)));
}

/** Ends every session of the person, on every device. */
export async function signOutEverywhere(accessToken: string, userId: string): Promise<void> {
  await mapped(ignoring(['NotAuthorizedException'], cognito.globalSignOut(accessToken)));
  await endAllSessions(userId);
  await forgetAllSessions(userId);
}

/** Always succeeds for well-formed input, so the page cannot be used to find out who has an account. */
export async function requestPasswordReset(email: string) {
  await mapped(
    ignoring(['UserNotFoundException', 'InvalidParameterException', 'NotAuthorizedException'], cognito.forgotPassword(email)),
  );
}

/**
 * Sets a new password with the emailed code, then ends every session of the account: whoever had the
 * old password is out. The app is not signed in here, so it signs in once with the new password to
 * reach the account's sessions, and discards those tokens.
 */
export async function resetPassword(input: { email: string; code: string; newPassword: string }) {
  await mapped(cognito.confirmForgotPassword(input.email, input.code, input.newPassword), (error) => {
    if (error.code === 'UserNotFoundException') return new ValidationError([{ field: 'code', message: 'That code is not correct.' }]);
    if (error.code === 'InvalidPasswordException') return new ValidationError([{ field: 'newPassword', message: error.message }]);
  });
  const tokens = await mapped(cognito.signIn(input.email, input.newPassword));
  await signOutEverywhere(tokens.accessToken, subjectOf(tokens.accessToken));
}

/** The `sub` of a token Cognito has just issued to us. */
function subjectOf(accessToken: string): string {
  const { sub } = claimsOfFreshToken(accessToken);
  if (typeof sub !== 'string') throw new Error('Cognito issued a token without a subject');
  return sub;
}

/**
 * Changes the password and ends every other session (another device that knew the old password is out),
 * then signs this device in again with the new one: the answer is the fresh tokens for its cookies.
 */
export async function changePassword(accessToken: string, userId: string, passwords: { readonly oldPassword: string; readonly newPassword: string }, userAgent: string | null) {
  const { oldPassword, newPassword } = passwords;
  const { email } = await loadProfile(accessToken, userId);
  await mapped(cognito.changePassword(accessToken, oldPassword, newPassword), (error) => {
    if (error.code === 'NotAuthorizedException') {
      return new ValidationError([{ field: 'oldPassword', message: 'The current password is not correct.' }]);
    }
    if (error.code === 'InvalidPasswordException') return new ValidationError([{ field: 'newPassword', message: error.message }]);
  });
  await signOutEverywhere(accessToken, userId);
  const tokens = await mapped(cognito.signIn(email, newPassword));
  await vouchForNewSession(tokens.accessToken);
  await recordSessionStart(tokens.accessToken, userAgent);
  return tokens;
}

export async function loadProfile(accessToken: string, id: string): Promise<PublicUser> {
  return (await loadIdentity(accessToken, id)).user;
}

/** The profile and whether Cognito has verified its email (what invitations are addressed to). */
export async function loadIdentity(accessToken: string, id: string): Promise<{ user: PublicUser; emailVerified: boolean }> {
  const profile = await mapped(cognito.getUser(accessToken), (error) => {
    if (error.code === 'UserNotFoundException') return new UnauthorizedError('This account no longer exists.');
  });
  return {
    user: {
      id,
      email: profile.attributes.email ?? profile.username,
      name: profile.attributes.name || null,
      timeZone: profile.attributes.zoneinfo || null,
    },
    emailVerified: profile.attributes.email_verified === 'true',
  };
}

/** Changes the person's name and time zone; answers the profile as it now is. */
export async function updateProfile(accessToken: string, id: string, changes: { readonly name?: string | null; readonly timeZone?: string }): Promise<PublicUser> {
  const attributes: Record<string, string> = {};
  if (changes.name !== undefined) attributes.name = changes.name ?? '';
  if (changes.timeZone !== undefined) attributes.zoneinfo = changes.timeZone;
  if (Object.keys(attributes).length > 0) await mapped(cognito.updateUserAttributes(accessToken, attributes));
  return loadProfile(accessToken, id);
}

/** Deletes the person's data first, then the account, so a failure never leaves data without an owner who can retry. */
export async function deleteAccount(accessToken: string, userId: string) {
  await deleteAccountData(userId);
  await mapped(ignoring(['UserNotFoundException'], cognito.deleteUser(accessToken)));
  // Last, so a failure above leaves a session to retry with; from here no token of the account works.
  await endAllSessions(userId, { accountDeleted: true });
  await forgetAllSessions(userId);
}
