import { callerActor } from '@/lib/auth/caller';
import { requireUser } from '@/lib/auth/session';
import { createAttachmentSchema } from '@/lib/attachments/schema';
import { createAttachmentForUser } from '@/lib/attachments/service';
import { NotFoundError } from '@/lib/errors';
import { handle, json, parseJson } from '@/lib/http';
import { taskIdSchema } from '@/lib/tasks/schema';

type Context = RouteContext<'/api/tasks/[id]/attachments'>;

export const POST = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  const { id } = await context.params;
  const taskId = taskIdSchema.safeParse(id);
  if (!taskId.success) throw new NotFoundError('There is no such task.');
  const created = await createAttachmentForUser(await callerActor(user), taskId.data, await parseJson(request, createAttachmentSchema));
  return json(created, { status: 201, headers: { Location: `/api/tasks/${taskId.data}/attachments/${created.attachment.id}` } });
});
