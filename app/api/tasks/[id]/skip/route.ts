import { callerActor } from '@/lib/auth/caller';
import { requireUser } from '@/lib/auth/session';
import { handle, json } from '@/lib/http';
import { etagFor, versionFromIfMatch } from '@/lib/tasks/etag';
import { callerTimeZone, taskIdFrom } from '@/lib/tasks/route-input';
import { skipOccurrence } from '@/lib/tasks/service';

type Context = RouteContext<'/api/tasks/[id]/skip'>;

/** Skips a recurring task's current occurrence: it is due at the next one, nothing is completed. */
export const POST = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  const taskId = await taskIdFrom(context);
  const task = await skipOccurrence(await callerActor(user), taskId, versionFromIfMatch(request.headers.get('if-match')), await callerTimeZone(user));
  return json(task, { headers: { ETag: etagFor(task.version) } });
});
