import { apiFetch } from './api';

/**
 * Ending the session, for the app shell. Kept apart from ./auth so every signed-in page does not ship
 * that module's response schemas (zod/mini) for a call that returns nothing.
 */
export async function signOut(): Promise<void> {
  await apiFetch('/api/auth/sign-out', { method: 'POST' });
}

/** Ends every session of the account, on every device (this one too). */
export async function signOutEverywhere(): Promise<void> {
  await apiFetch('/api/auth/sign-out', { method: 'POST', body: { everywhere: true } });
}
