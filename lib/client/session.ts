import { ApiError, apiFetch } from './api';

/**
 * Ending the session, for the app shell. Kept apart from ./auth so every signed-in page does not ship
 * that module's response schemas (zod/mini) for a call that returns nothing.
 */

let signingOut = false;

/**
 * The person asked to sign out here and the app is on its way to sign-in: background work that finds
 * the session over (the live stream's sync) must not send them to sign-in a second time, with this
 * page as where to come back to.
 */
export function isSigningOut(): boolean {
  return signingOut;
}

/** A new session began in this tab (sign-in without a page load): its end is news again. */
export function sessionStarted(): void {
  signingOut = false;
}

async function endSession(body?: { readonly everywhere: true }): Promise<void> {
  signingOut = true;
  try {
    // quiet: a session that is over already is a 401 here, and the caller leaves for sign-in itself.
    await apiFetch('/api/auth/sign-out', { method: 'POST', quiet: true, ...(body ? { body } : {}) });
  } catch (error) {
    // A 401 means the session was over already, and the caller leaves too; anything else stays here.
    if (!(error instanceof ApiError && error.status === 401)) signingOut = false;
    throw error;
  }
}

export function signOut(): Promise<void> {
  return endSession();
}

/** Ends every session of the account, on every device (this one too). */
export function signOutEverywhere(): Promise<void> {
  return endSession({ everywhere: true });
}
