import { callerProfile } from '@/lib/auth/caller';
import { requireUser } from '@/lib/auth/session';
import { handle, json, readBody, validate } from '@/lib/http';
import { idempotent } from '@/lib/idempotency';
import { importQuerySchema } from '@/lib/transfer/query';
import { importForUser } from '@/lib/transfer/import';
import { MAX_IMPORT_BYTES } from '@/lib/transfer/model';
import { readImportFile } from '@/lib/transfer/read-file';
import { DEFAULT_TIME_ZONE } from '@/lib/time-zone';

/** A Todoer export (application/json) or a Todoist CSV export (text/csv); `?name=` names a CSV's list (its file name). */
export const POST = handle(async (request) => {
  const user = await requireUser(request);
  const { name } = validate(importQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
  return idempotent(
    request,
    user.id,
    async (body) => {
      const { format, text } = await readBody(body, ['json', 'csv'], MAX_IMPORT_BYTES);
      const profile = await callerProfile(user);
      const { plan, skipped } = readImportFile(format, text, { listName: name, timeZone: profile.timeZone ?? DEFAULT_TIME_ZONE, now: new Date() });
      return json(await importForUser(profile, plan, skipped), { status: 201 });
    },
    { maxBodyBytes: MAX_IMPORT_BYTES },
  );
});
