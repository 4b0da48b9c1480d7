import 'server-only';
import { callerProfile } from '../auth/caller';
import type { AuthenticatedUser } from '../auth/session';
import { NotFoundError } from '../errors';
import { DEFAULT_TIME_ZONE } from '../time-zone';
import { taskIdSchema } from './schema';

/** What the /api/tasks/:id routes read from a request besides its body. */

/** Ids are UUIDs we issued; anything else cannot name a task, so it is simply not found. */
export async function taskIdFrom(context: { readonly params: Promise<{ id: string }> }): Promise<string> {
  const { id } = await context.params;
  const parsed = taskIdSchema.safeParse(id);
  if (!parsed.success) throw new NotFoundError('There is no such task.');
  return parsed.data;
}

/** The caller's time zone, which decides their "today" (a profile read, cached per process). */
export async function callerTimeZone(user: AuthenticatedUser): Promise<string> {
  return (await callerProfile(user)).timeZone ?? DEFAULT_TIME_ZONE;
}
