import 'server-only';
import { env } from '../env';
import { claim, dueEntries, release, remove } from './outbox';
import { errorName, publishToTopic, retryDelayMs } from './publisher';
import { sweepPendingOnce } from './sweeper';

/**
 * The background drain, one loop per server process, started from instrumentation: each tick sweeps
 * the events left waiting on task items (lib/events/sweeper.ts), then the legacy outbox table, which
 * processes from before events waited on items wrote to. Nothing writes there any more; the table goes
 * once no deployed process does (docs/data-model.md).
 */

const BATCH = 25;
/** Longer than one Publish can take (1.5 s timeout), so a lease never expires mid-publish. */
const LEASE_MS = 30_000;

export type DrainResult = { readonly published: number; readonly failed: number };

/** What waits in the legacy outbox, oldest backoff first, rescheduling what still fails. */
export async function drainOutboxOnce(now = Date.now()): Promise<DrainResult> {
  let published = 0;
  let failed = 0;
  for (const { event, attempts } of await dueEntries(now, BATCH)) {
    if (!(await claim(event.id, now, LEASE_MS))) continue;
    try {
      await publishToTopic(event);
    } catch (error) {
      failed += 1;
      await release(event.id, attempts + 1, Date.now() + retryDelayMs(attempts + 1), errorName(error));
      continue;
    }
    await remove(event.id);
    published += 1;
  }
  return { published, failed };
}

async function drainOnce(): Promise<DrainResult> {
  const swept = await sweepPendingOnce(env().EVENT_SWEEP_GRACE_MS);
  const outbox = await drainOutboxOnce();
  return { published: swept.published + outbox.published, failed: swept.failed + outbox.failed };
}

const STARTED = Symbol.for('todoer.eventDrain');
type WithDrain = typeof globalThis & { [STARTED]?: boolean };

export function startEventDrain(): void {
  const global = globalThis as WithDrain;
  if (global[STARTED]) return;
  global[STARTED] = true;
  const interval = env().EVENT_DRAIN_INTERVAL_MS;
  let lastFailure = '';
  const tick = async () => {
    try {
      const { published, failed } = await drainOnce();
      if (published > 0 || failed > 0) {
        console.info(JSON.stringify({ level: 'info', event: 'events-drained', published, failed }));
      }
      lastFailure = '';
    } catch (error) {
      // A table is unreachable: say so once per outage, not on every tick.
      const reason = errorName(error);
      if (reason !== lastFailure) console.warn(JSON.stringify({ level: 'warn', event: 'event-drain-failed', error: reason }));
      lastFailure = reason;
    }
    setTimeout(tick, interval).unref();
  };
  setTimeout(tick, interval).unref();
}
