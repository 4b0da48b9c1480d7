import { apiFetch } from './api';

/**
 * Ending the session, for the app shell. Kept apart from ./auth so every signed-in page does not ship
 * that module's response schemas (zod/mini) for a call that returns nothing.
 */
export async function signOut(): Promise<void> {
  await apiFetch('/api/auth/sign-out', { method: 'POST' });
}
