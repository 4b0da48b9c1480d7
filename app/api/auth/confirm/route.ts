import { confirmUser } from '@/lib/auth/service';
import { confirmSchema } from '@/lib/auth/schema';
import { handle, noContent, parseJson } from '@/lib/http';

export const POST = handle(async (request) => {
  const { email, code } = await parseJson(request, confirmSchema);
  await confirmUser(email, code);
  return noContent();
});
