/** Typed calls to /api/auth/sessions, for the account page. */
import * as z from 'zod/mini';
import { apiFetch } from './api';

const sessionSchema = z.object({
  id: z.string(),
  device: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  current: z.boolean(),
});
const sessionsResponseSchema = z.object({ items: z.array(sessionSchema) });

export type ActiveSession = z.infer<typeof sessionSchema>;

export async function fetchSessions(): Promise<ActiveSession[]> {
  return sessionsResponseSchema.parse(await apiFetch('/api/auth/sessions')).items;
}

/** Ends one session of the account (another device), on every server process. */
export async function endSession(id: string): Promise<void> {
  await apiFetch(`/api/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
