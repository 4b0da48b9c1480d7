import { after } from 'next/server';
import { resendCode, tellOwnerAccountExists } from '@/lib/auth/service';
import { emailOnlySchema } from '@/lib/auth/schema';
import { handle, noContent, parseJson } from '@/lib/http';
import { callerAddress, consumeAuthRequest } from '@/lib/auth/limits';

/** 204 for every well-formed address; the owner of a confirmed account gets an email instead of a code. */
export const POST = handle(async (request) => {
  const { email } = await parseJson(request, emailOnlySchema);
  await consumeAuthRequest(email, callerAddress(request));
  const { alreadyConfirmed } = await resendCode(email);
  if (alreadyConfirmed) after(() => tellOwnerAccountExists(email));
  return noContent();
});
