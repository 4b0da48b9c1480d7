import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { handle, validate } from '@/lib/http';
import { openEventStream } from '@/lib/live/stream';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The ids this stream hands out (a counter); EventSource sends the last one back when it reconnects. */
const resumeSchema = z.object({ 'Last-Event-ID': z.string().regex(/^\d{1,15}$/, 'must be an event id this stream sent').nullable() });

/** GET /api/events: live notices of changes the caller can see (SPEC §6.3), as Server-Sent Events. */
export const GET = handle(async (request) => {
  const user = await requireUser(request);
  const resume = validate(resumeSchema, { 'Last-Event-ID': request.headers.get('last-event-id') });
  return openEventStream(user, resume['Last-Event-ID'] !== null, request.signal);
});
