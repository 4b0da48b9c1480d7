import 'server-only';
import { cache } from 'react';
import { NotFoundError } from '@/lib/errors';
import { listIdParamSchema, type List } from '@/lib/lists/schema';
import { getListForUser } from '@/lib/lists/service';

/** The list (its counts on the person's clock) if the person is a member, else null (an id that never existed reads the same). Once per request. */
export const findList = cache(async (userId: string, timeZone: string | null, id: string): Promise<List | null> => {
  const listId = listIdParamSchema.safeParse(id);
  if (!listId.success) return null;
  try {
    return await getListForUser(userId, listId.data, timeZone);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
});
