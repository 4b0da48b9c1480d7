import { requestPasswordReset } from '@/lib/auth/service';
import { emailOnlySchema } from '@/lib/auth/schema';
import { handle, noContent, parseJson } from '@/lib/http';
import { callerAddress, consumeAuthRequest } from '@/lib/auth/limits';

export const POST = handle(async (request) => {
  const { email } = await parseJson(request, emailOnlySchema);
  await consumeAuthRequest(email, callerAddress(request));
  await requestPasswordReset(email);
  return noContent();
});
