import { changePassword } from '@/lib/auth/service';
import { changePasswordSchema } from '@/lib/auth/schema';
import { requireUser } from '@/lib/auth/session';
import { handle, noContent, parseJson } from '@/lib/http';

export const POST = handle(async (request) => {
  const user = await requireUser(request);
  const { oldPassword, newPassword } = await parseJson(request, changePasswordSchema);
  await changePassword(user.accessToken, oldPassword, newPassword);
  return noContent();
});
