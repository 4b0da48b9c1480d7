import { NotFoundError } from '@/lib/errors';
import { invitationIdParamSchema } from '@/lib/lists/schema';

export async function invitationIdOf(context: { params: Promise<{ id: string }> }): Promise<string> {
  const parsed = invitationIdParamSchema.safeParse((await context.params).id);
  if (!parsed.success) throw new NotFoundError('There is no such invitation.');
  return parsed.data;
}
