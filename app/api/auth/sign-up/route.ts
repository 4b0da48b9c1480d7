import { after } from 'next/server';
import { registerUser, resendCode, tellOwnerAccountExists } from '@/lib/auth/service';
import { signUpSchema } from '@/lib/auth/schema';
import { handle, json, parseJson } from '@/lib/http';
import { callerAddress, consumeAuthRequest } from '@/lib/auth/limits';

/** The same answer for an address with an account as for a new one; its owner is told by email. */
export const POST = handle(async (request) => {
  const input = await parseJson(request, signUpSchema);
  await consumeAuthRequest(input.email, callerAddress(request));
  const { userConfirmed, existing } = await registerUser(input);
  // After the answer, so the time it takes does not tell either: an unconfirmed account gets a new
  // code (what the person needs), a confirmed one an email saying it exists.
  if (existing) {
    after(async () => {
      if ((await resendCode(input.email)).alreadyConfirmed) await tellOwnerAccountExists(input.email);
    });
  }
  return json({ userConfirmed }, { status: 201 });
});
