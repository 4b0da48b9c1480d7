import { registerUser } from '@/lib/auth/service';
import { signUpSchema } from '@/lib/auth/schema';
import { handle, json, parseJson } from '@/lib/http';

export const POST = handle(async (request) => {
  const input = await parseJson(request, signUpSchema);
  const { userConfirmed } = await registerUser(input);
  return json({ userConfirmed }, { status: 201 });
});
