import 'server-only';
import { startStagingSweep } from './attachments/sweeper';
import { startEventDrain } from './events/drain';
import { env, EnvError } from './env';

/** A bad configuration stops the server with one message naming every problem, instead of failing later per request. */
export function validateConfigurationOrExit(): void {
  try {
    env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/** Background work of a server process: publishing events left waiting on task items (and in the legacy outbox), sweeping stale uploads. */
export function startBackgroundWork(): void {
  startEventDrain();
  startStagingSweep();
}
