import { NotFoundError } from '@/lib/errors';
import { listIdParamSchema } from '@/lib/lists/schema';

/** Ids are UUIDs we issued; anything else cannot name a list, so it is simply not found. */
export async function listIdOf(context: { params: Promise<{ id: string }> }): Promise<string> {
  const parsed = listIdParamSchema.safeParse((await context.params).id);
  if (!parsed.success) throw new NotFoundError('There is no such list.');
  return parsed.data;
}
