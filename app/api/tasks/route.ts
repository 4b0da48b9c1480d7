import { requireUser } from '@/lib/auth/session';
import { handle, json, parseJson, validate } from '@/lib/http';
import { etagFor } from '@/lib/tasks/etag';
import { createTaskSchema, listTasksQuerySchema } from '@/lib/tasks/schema';
import { createTaskForUser, listTasksForUser } from '@/lib/tasks/service';

export const GET = handle(async (request) => {
  const user = await requireUser(request);
  const query = validate(listTasksQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
  return json(await listTasksForUser(user.id, query));
});

export const POST = handle(async (request) => {
  const user = await requireUser(request);
  const task = await createTaskForUser(user.id, await parseJson(request, createTaskSchema));
  return json(task, { status: 201, headers: { Location: `/api/tasks/${task.id}`, ETag: etagFor(task.version) } });
});
