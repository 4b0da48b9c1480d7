import 'server-only';
import { env } from '../env';
import { STAGING_PREFIX } from './keys';
import { deleteObjectsUnder } from './storage';

/**
 * The staging sweep: deletes staging objects nobody completed (abandoned uploads, forms re-posted after
 * complete or delete, copies a crash left behind). It lists the staging prefix only and reads no table,
 * so it costs the same whatever the number of accounts. One loop per server process, like the outbox
 * drain; the bucket's lifecycle rule on the same prefix is the backstop in the cloud.
 */

/**
 * Deletes staging objects under `prefix` (all of staging/, or one account's part) written more than
 * `maxAgeMs` before `now`; returns how many.
 */
export function sweepStagingObjects(now: number, maxAgeMs: number, prefix: string = STAGING_PREFIX): Promise<number> {
  if (!prefix.startsWith(STAGING_PREFIX)) throw new Error(`The sweeper only deletes under ${STAGING_PREFIX}`);
  return deleteObjectsUnder(prefix, (_key, lastModified) => lastModified === null || now - lastModified.getTime() < maxAgeMs);
}

const STARTED = Symbol.for('todoer.stagingSweep');
type WithSweep = typeof globalThis & { [STARTED]?: boolean };

export function startStagingSweep(): void {
  const global = globalThis as WithSweep;
  if (global[STARTED]) return;
  global[STARTED] = true;
  const { STAGING_SWEEP_INTERVAL_MS: interval, STAGING_MAX_AGE_MS: maxAge } = env();
  const tick = async () => {
    try {
      const deleted = await sweepStagingObjects(Date.now(), maxAge);
      if (deleted > 0) console.info(JSON.stringify({ level: 'info', event: 'staging-swept', deleted }));
    } catch (error) {
      console.warn(JSON.stringify({ level: 'warn', event: 'staging-sweep-failed', error: error instanceof Error ? error.name : 'Error' }));
    }
    setTimeout(tick, interval).unref();
  };
  setTimeout(tick, interval).unref();
}
