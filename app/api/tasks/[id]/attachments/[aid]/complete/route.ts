import { callerActor } from '@/lib/auth/caller';
import { requireUser } from '@/lib/auth/session';
import { completeAttachmentForUser } from '@/lib/attachments/service';
import { handle, json } from '@/lib/http';
import { attachmentIdsFrom } from '@/lib/attachments/schema';

type Context = RouteContext<'/api/tasks/[id]/attachments/[aid]/complete'>;

export const POST = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  const { taskId, attachmentId } = attachmentIdsFrom(await context.params);
  return json(await completeAttachmentForUser(await callerActor(user), taskId, attachmentId));
});
