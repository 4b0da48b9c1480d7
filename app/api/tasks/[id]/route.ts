import { callerActor } from '@/lib/auth/caller';
import { requireUser } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/errors';
import { handle, json, noContent, parseJson } from '@/lib/http';
import { etagFor, versionFromIfMatch } from '@/lib/tasks/etag';
import { taskIdSchema, updateTaskSchema } from '@/lib/tasks/schema';
import { deleteTask, getTask, updateTask } from '@/lib/tasks/service';

type Context = RouteContext<'/api/tasks/[id]'>;

/** Ids are UUIDs we issued; anything else cannot name a task, so it is simply not found. */
async function taskIdOf(context: Context): Promise<string> {
  const { id } = await context.params;
  const parsed = taskIdSchema.safeParse(id);
  if (!parsed.success) throw new NotFoundError('There is no such task.');
  return parsed.data;
}

export const GET = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  const task = await getTask(user.id, await taskIdOf(context));
  return json(task, { headers: { ETag: etagFor(task.version) } });
});

export const PATCH = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  const taskId = await taskIdOf(context);
  const patch = await parseJson(request, updateTaskSchema);
  const task = await updateTask(await callerActor(user), taskId, patch, versionFromIfMatch(request.headers.get('if-match')));
  return json(task, { headers: { ETag: etagFor(task.version) } });
});

export const DELETE = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  await deleteTask(await callerActor(user), await taskIdOf(context), versionFromIfMatch(request.headers.get('if-match')));
  return noContent();
});
