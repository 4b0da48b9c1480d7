import { env } from '@/lib/env';
import { NotFoundError } from '@/lib/errors';
import { json, problemResponse } from '@/lib/http';

/**
 * The framework floor for `npm run bench`: the least a route handler of this build can do (a tiny JSON,
 * no token, no backend), so the app's throughput can be read beside what Next's request pipeline costs on
 * its own. It lives in the app's own build, so floor and app run the same Next, config and proxy.
 * Answers only when BENCH_FLOOR=true at run time; everywhere else it is a 404 like any unknown path.
 */
export const dynamic = 'force-dynamic';

const notFound = () => problemResponse(new NotFoundError());

export function GET() {
  if (!env().BENCH_FLOOR) return notFound();
  return json({ ok: true });
}

/** The create benchmark's floor: the body is read, as any write reads it, and nothing is done with it. */
export async function POST(request: Request) {
  if (!env().BENCH_FLOOR) return notFound();
  await request.text();
  return json({ ok: true }, { status: 201 });
}
