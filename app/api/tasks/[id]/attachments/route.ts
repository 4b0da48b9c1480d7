import { callerActor } from '@/lib/auth/caller';
import { requireUser } from '@/lib/auth/session';
import { createAttachmentSchema } from '@/lib/attachments/schema';
import { createAttachmentForUser } from '@/lib/attachments/service';
import { NotFoundError } from '@/lib/errors';
import { handle, json, parseJson } from '@/lib/http';
import { taskIdSchema } from '@/lib/tasks/schema';
import { idempotent } from '@/lib/idempotency';

type Context = RouteContext<'/api/tasks/[id]/attachments'>;

export const POST = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  const { id } = await context.params;
  const taskId = taskIdSchema.safeParse(id);
  if (!taskId.success) throw new NotFoundError('There is no such task.');
  return idempotent(request, user.id, async (body) => {
    const created = await createAttachmentForUser(await callerActor(user), taskId.data, await parseJson(body, createAttachmentSchema));
    return json(created, { status: 201, headers: { Location: `/api/tasks/${taskId.data}/attachments/${created.attachment.id}` } });
  });
});
