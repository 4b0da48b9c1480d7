import { callerActor } from '@/lib/auth/caller';
import { requireUser } from '@/lib/auth/session';
import { handle, json, noContent, parseJson } from '@/lib/http';
import { etagFor, versionFromIfMatch } from '@/lib/tasks/etag';
import { callerTimeZone, taskIdFrom } from '@/lib/tasks/route-input';
import { updateTaskSchema } from '@/lib/tasks/schema';
import { deleteTask, getTask, updateTask } from '@/lib/tasks/service';

type Context = RouteContext<'/api/tasks/[id]'>;

export const GET = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  const task = await getTask(user.id, await taskIdFrom(context));
  return json(task, { headers: { ETag: etagFor(task.version) } });
});

export const PATCH = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  const taskId = await taskIdFrom(context);
  const patch = await parseJson(request, updateTaskSchema);
  // Completing a recurring task counts on the person's calendar.
  const task = await updateTask(await callerActor(user), taskId, patch, versionFromIfMatch(request.headers.get('if-match')), await callerTimeZone(user));
  return json(task, { headers: { ETag: etagFor(task.version) } });
});

export const DELETE = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  await deleteTask(await callerActor(user), await taskIdFrom(context), versionFromIfMatch(request.headers.get('if-match')));
  return noContent();
});
