/**
 * Runs the reminder consumer locally as the cloud's schedule does: the handler (its source, or the built
 * bundle named by `--handler`) every REMINDER_POLL_MS, one run at a time. Started by `npm run local`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseReminderEnv } from './config';
import { loadExportedHandler } from './local-poller';
import { log } from './log';

async function main(): Promise<void> {
  const flag = process.argv.indexOf('--handler');
  const file = flag >= 0 ? process.argv[flag + 1]! : path.join(path.dirname(fileURLToPath(import.meta.url)), 'reminder-handler.ts');
  const config = parseReminderEnv(process.env);
  const handler = (await loadExportedHandler(file)) as () => Promise<unknown>;
  let stopped = false;
  const stop = () => {
    stopped = true;
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
  log('info', 'reminder-poller-started', { everyMs: config.REMINDER_POLL_MS });
  process.send?.({ ready: true });
  while (!stopped) {
    try {
      await handler();
    } catch (error) {
      log('error', 'reminders-run-failed', { error: error instanceof Error ? error.message : String(error) });
    }
    await new Promise((resolve) => setTimeout(resolve, config.REMINDER_POLL_MS));
  }
  process.exit(0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
