import { requireUser } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { handle, json } from '@/lib/http';

/** The VAPID public key a browser subscribes with; null when Web Push is not configured. */
export const GET = handle(async (request) => {
  await requireUser(request);
  return json({ publicKey: env().VAPID_PUBLIC_KEY ?? null });
});
