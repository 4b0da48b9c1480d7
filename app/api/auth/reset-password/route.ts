import { resetPassword } from '@/lib/auth/service';
import { resetPasswordSchema } from '@/lib/auth/schema';
import { handle, noContent, parseJson } from '@/lib/http';

export const POST = handle(async (request) => {
  await resetPassword(await parseJson(request, resetPasswordSchema));
  return noContent();
});
