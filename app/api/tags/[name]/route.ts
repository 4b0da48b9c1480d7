import { callerActor } from '@/lib/auth/caller';
import { requireUser } from '@/lib/auth/session';
import { handle, json, validate } from '@/lib/http';
import { tagNameSchema } from '@/lib/tasks/schema';
import { removeTag } from '@/lib/tasks/tags';

type Context = RouteContext<'/api/tags/[name]'>;

/** Removes a tag from every task the person may edit (the tasks stay); answers how many changed. */
export const DELETE = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  const name = validate(tagNameSchema, (await context.params).name);
  return json({ removed: await removeTag(await callerActor(user), name) });
});
