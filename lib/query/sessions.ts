import { queryOptions } from '@tanstack/react-query';
import { fetchSessions } from '@/lib/client/sessions';

/** React Query for the account's active sessions (the account page's Sessions section). */

export const sessionKeys = { mine: ['sessions', 'mine'] as const };

export function sessionsOptions() {
  return queryOptions({ queryKey: sessionKeys.mine, queryFn: fetchSessions });
}
