import 'server-only';
import { decodeCursor, encodeCursor } from '../cursor';
import { accessList } from '../lists/access';
import { visibleListIds } from '../lists/service';
import { NotFoundError } from '../errors';
import { listOfTask } from '../tasks/repository';
import type { Activity } from './item';
import { listActivity, type ActivityScope } from './repository';
import type { ListActivityQuery } from './schema';

export type ActivityListPage = { readonly items: Activity[]; readonly nextCursor: string | null };

/**
 * Activity, newest first: of one task or one list (the caller must be a member of the list), or of
 * every list the caller belongs to. A member sees every member's changes; others get 404.
 */
export async function listActivityForUser(userId: string, query: ListActivityQuery): Promise<ActivityListPage> {
  const scopeKey = `activity:${query.taskId ?? ''}:${query.listId ?? ''}`;
  let scopes: ActivityScope[];
  if (query.taskId) {
    // A deleted task's history stays readable to the members of the list it was in.
    const listId = await listOfTask(userId, query.taskId);
    if (!listId) throw new NotFoundError('There is no such task.');
    await accessList(userId, listId, 'read', 'There is no such task.');
    scopes = [{ taskId: query.taskId }];
  } else if (query.listId) {
    await accessList(userId, query.listId, 'read');
    scopes = [{ listId: query.listId }];
  } else {
    // Every list's history, and the caller's own entries (from before lists, or of lists since left).
    scopes = [{ actorId: userId }, ...(await visibleListIds(userId)).map((listId) => ({ listId }))];
  }
  // Access first: a non-member learns nothing, not even whether a cursor is valid.
  const after = query.cursor ? decodeCursor(query.cursor, userId, scopeKey, 1)[0]! : null;
  const pages = await Promise.all(scopes.map((scope) => listActivity(scope, query.limit, after)));
  // Newest first across the scopes; a scope with more beyond its page may hold entries after the cut.
  const unique = new Map(pages.flatMap((page) => page.items.map((item) => [item.id, { item, sk: `${item.at}#${item.id}` }] as const)));
  const merged = [...unique.values()];
  merged.sort((a, b) => (a.sk < b.sk ? 1 : a.sk > b.sk ? -1 : 0));
  const more = pages.some((page) => page.lastSortKey !== null) || merged.length > query.limit;
  const items = merged.slice(0, query.limit);
  const last = more && items.length > 0 ? items[items.length - 1]!.sk : null;
  return { items: items.map(({ item }) => item), nextCursor: last && encodeCursor([last], userId, scopeKey) };
}
