import { requestPasswordReset } from '@/lib/auth/service';
import { emailOnlySchema } from '@/lib/auth/schema';
import { handle, noContent, parseJson } from '@/lib/http';

export const POST = handle(async (request) => {
  const { email } = await parseJson(request, emailOnlySchema);
  await requestPasswordReset(email);
  return noContent();
});
