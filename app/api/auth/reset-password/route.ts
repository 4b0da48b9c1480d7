import { resetPassword } from '@/lib/auth/service';
import { resetPasswordSchema } from '@/lib/auth/schema';
import { handle, noContent, parseJson } from '@/lib/http';
import { callerAddress, consumeAuthRequest } from '@/lib/auth/limits';

export const POST = handle(async (request) => {
  const input = await parseJson(request, resetPasswordSchema);
  await consumeAuthRequest(input.email, callerAddress(request));
  await resetPassword(input);
  return noContent();
});
