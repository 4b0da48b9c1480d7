import { requireUser } from '@/lib/auth/session';
import { handle, json } from '@/lib/http';
import { exportForUser } from '@/lib/transfer/export';

export const GET = handle(async (request) => {
  const user = await requireUser(request);
  const document = await exportForUser(user.id);
  const day = document.exportedAt.slice(0, 10);
  return json(document, { headers: { 'Content-Disposition': `attachment; filename="todoer-export-${day}.json"` } });
});
