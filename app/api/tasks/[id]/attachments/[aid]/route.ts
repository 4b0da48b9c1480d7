import { callerActor } from '@/lib/auth/caller';
import { requireUser } from '@/lib/auth/session';
import { deleteAttachmentForUser, viewUrlForUser } from '@/lib/attachments/service';
import { handle, noContent } from '@/lib/http';
import { attachmentIdsFrom } from '@/lib/attachments/schema';

type Context = RouteContext<'/api/tasks/[id]/attachments/[aid]'>;

export const GET = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  const { taskId, attachmentId } = attachmentIdsFrom(await context.params);
  const url = await viewUrlForUser(user.id, taskId, attachmentId);
  return new Response(null, { status: 302, headers: { Location: url, 'Cache-Control': 'no-store' } });
});

export const DELETE = handle<Context>(async (request, context) => {
  const user = await requireUser(request);
  const { taskId, attachmentId } = attachmentIdsFrom(await context.params);
  await deleteAttachmentForUser(await callerActor(user), taskId, attachmentId);
  return noContent();
});
