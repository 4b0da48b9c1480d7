import { confirmUser } from '@/lib/auth/service';
import { confirmSchema } from '@/lib/auth/schema';
import { handle, noContent, parseJson } from '@/lib/http';
import { callerAddress, consumeAuthRequest } from '@/lib/auth/limits';

export const POST = handle(async (request) => {
  const { email, code } = await parseJson(request, confirmSchema);
  await consumeAuthRequest(email, callerAddress(request));
  await confirmUser(email, code);
  return noContent();
});
