import { callerActor, callerProfile } from '@/lib/auth/caller';
import { requireUser } from '@/lib/auth/session';
import { handle, json, parseJson, validate } from '@/lib/http';
import { ensureInbox } from '@/lib/lists/service';
import { etagFor } from '@/lib/tasks/etag';
import { createTaskSchema, listTasksQuerySchema } from '@/lib/tasks/schema';
import { createTask, listTasks } from '@/lib/tasks/service';
import { DEFAULT_TIME_ZONE } from '@/lib/time-zone';
import { idempotent } from '@/lib/idempotency';

export const GET = handle(async (request) => {
  const user = await requireUser(request);
  const query = validate(listTasksQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
  // Only the date views need the person's time zone (a profile read, cached per process).
  const timeZone = query.view === 'all' ? DEFAULT_TIME_ZONE : ((await callerProfile(user)).timeZone ?? DEFAULT_TIME_ZONE);
  return json(await listTasks(user.id, query, timeZone));
});

export const POST = handle(async (request) => {
  const user = await requireUser(request);
  return idempotent(request, user.id, async (body) => {
    const { listId, ...input } = await parseJson(body, createTaskSchema);
    const actor = await callerActor(user);
    const task = await createTask(actor, listId ?? (await ensureInbox(await callerProfile(user))), input);
    // A new task has no reminders yet, for anyone: the caller's own are part of its single-task answers (SPEC §6.2).
    return json({ ...task, reminders: [] }, { status: 201, headers: { Location: `/api/tasks/${task.id}`, ETag: etagFor(task.version) } });
  });
});
