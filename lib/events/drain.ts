import 'server-only';
import { env } from '../env';
import { claim, dueEntries, release, remove } from './outbox';
import { errorName, publishToTopic, retryDelayMs } from './publisher';

/**
 * The background drain: publishes what waits in the outbox, oldest backoff first, and reschedules
 * what still fails. One loop per server process, started from instrumentation.
 */

const BATCH = 25;
/** Longer than one Publish can take (1.5 s timeout), so a lease never expires mid-publish. */
const LEASE_MS = 30_000;

export type DrainResult = { readonly published: number; readonly failed: number };

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

const STARTED = Symbol.for('todoer.outboxDrain');
type WithDrain = typeof globalThis & { [STARTED]?: boolean };

export function startOutboxDrain(): void {
  const global = globalThis as WithDrain;
  if (global[STARTED]) return;
  global[STARTED] = true;
  const interval = env().OUTBOX_DRAIN_INTERVAL_MS;
  let lastFailure = '';
  const tick = async () => {
    try {
      const { published, failed } = await drainOutboxOnce();
      if (published > 0 || failed > 0) {
        console.info(JSON.stringify({ level: 'info', event: 'outbox-drained', published, failed }));
      }
      lastFailure = '';
    } catch (error) {
      // The table itself is unreachable: say so once per outage, not on every tick.
      const reason = errorName(error);
      if (reason !== lastFailure) console.warn(JSON.stringify({ level: 'warn', event: 'outbox-drain-failed', error: reason }));
      lastFailure = reason;
    }
    setTimeout(tick, interval).unref();
  };
  setTimeout(tick, interval).unref();
}
