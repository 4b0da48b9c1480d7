import { callerActor } from '@/lib/auth/caller';
import { requireUser } from '@/lib/auth/session';
import { handle, json, parseJson } from '@/lib/http';
import { renameTagSchema } from '@/lib/tasks/schema';
import { renameTag } from '@/lib/tasks/tags';

/** Renames a tag on every task the person may edit; answers how many tasks changed. */
export const POST = handle(async (request) => {
  const user = await requireUser(request);
  const { from, to } = await parseJson(request, renameTagSchema);
  return json({ renamed: await renameTag(await callerActor(user), from, to) });
});
