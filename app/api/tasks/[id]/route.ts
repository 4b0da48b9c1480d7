import { callerActor } from '@/lib/auth/caller';
import { requireUser } from '@/lib/auth/session';
import { handle, json, noContent, parseJson } from '@/lib/http';
import { remindersOf, setReminders } from '@/lib/reminders/service';
import { taskPatchBodySchema } from '@/lib/reminders/task-patch';
import { etagFor, versionFromIfMatch } from '@/lib/tasks/etag';
import { callerTimeZone, taskIdFrom } from '@/lib/tasks/route-input';
import { deleteTask, getTask, readTaskAtVersion, updateTask } from '@/lib/tasks/service';

type Context = RouteContext<'/api/tasks/[id]'>;

/** A task as this caller sees it: with their own reminders (SPEC §6.2). */
export const GET = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  const task = await getTask(user.id, await taskIdFrom(context));
  return json({ ...task, reminders: await remindersOf(user.id, task.id) }, { headers: { ETag: etagFor(task.version) } });
});

export const PATCH = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  const taskId = await taskIdFrom(context);
  const { patch, reminders } = await parseJson(request, taskPatchBodySchema);
  const ifMatch = versionFromIfMatch(request.headers.get('if-match'));
  const timeZone = await callerTimeZone(user);
  // Completing a recurring task counts on the person's calendar. Reminders alone need only read access (a viewer sets their own).
  const task = patch ? await updateTask(await callerActor(user), taskId, patch, ifMatch, timeZone) : await readTaskAtVersion(user.id, taskId, ifMatch);
  const own = reminders === undefined ? await remindersOf(user.id, task.id) : await setReminders(user.id, task, reminders, timeZone);
  return json({ ...task, reminders: own }, { headers: { ETag: etagFor(task.version) } });
});

export const DELETE = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  await deleteTask(await callerActor(user), await taskIdFrom(context), versionFromIfMatch(request.headers.get('if-match')));
  return noContent();
});
