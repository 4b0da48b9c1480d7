import 'server-only';
import { decodeCursor, encodeCursor } from '../cursor';
import type { Activity } from './item';
import { listActivity } from './repository';
import type { ListActivityQuery } from './schema';

export type ActivityListPage = { readonly items: Activity[]; readonly nextCursor: string | null };

/**
 * The caller's activity, newest first, for the account or one task. Another person's task id simply
 * has no entries under the caller's key, so nothing reveals whether it exists.
 */
export async function listActivityForUser(userId: string, query: ListActivityQuery): Promise<ActivityListPage> {
  const scope = `activity:${query.taskId ?? ''}`;
  const after = query.cursor ? decodeCursor(query.cursor, userId, scope, 1)[0]! : null;
  const page = await listActivity(userId, query.taskId, query.limit, after);
  return { items: page.items, nextCursor: page.lastSortKey && encodeCursor([page.lastSortKey], userId, scope) };
}
