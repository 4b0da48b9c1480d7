/**
 * `npm run local`: starts cognito-local, dynalite, s3rver, the local labeller, the SNS + SQS emulator and the
 * SES mail catcher aws-ses-v2-local on loopback (data under .data/, mail in memory; each caught email is
 * printed as it arrives), provisions
 * the pool, client, tables, bucket, topic and queues (idempotently), then starts the app and the activity
 * consumer (the Lambda handler under worker/local-poller.ts, as the event source mapping runs it in the
 * cloud) and prints the URL.
 * Flags: --prod runs the standalone production build and the Lambda bundles (built if missing) instead of
 * `next dev` and the handler's source.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assertNodeVersion } from './node-version';
import { provisionAll } from './provision';
import {
  ACTIVITY_BUNDLE,
  appEnvironment,
  appService,
  assertPortFree,
  PortInUseError,
  prepareStandalone,
  reminderEnvironment,
  reminderService,
  ROOT,
  STANDALONE_DIR,
  startEmulators,
  workerEnvironment,
  workerService,
  type ChildService,
  type Emulators,
  type VapidKeyPair,
} from './stack';
import webpush from 'web-push';

const HOST = '127.0.0.1';

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const port = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name} must be a port number between 1 and 65535 (got "${raw}")`);
  }
  return port;
}

/** The key that signs list cursors, kept under .data/ so cursors survive a restart like the data does. */
function cursorSecret(dataDir: string): string {
  const file = path.join(dataDir, 'cursor-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/** Web Push's VAPID key pair, made once under .data/ like the cursor secret: browsers stay subscribed across restarts. */
function vapidKeys(dataDir: string): VapidKeyPair {
  const file = path.join(dataDir, 'vapid-keys.json');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(webpush.generateVAPIDKeys()), { mode: 0o600 });
  }
  return JSON.parse(readFileSync(file, 'utf8')) as VapidKeyPair;
}

function log(source: string, line: string) {
  console.log(`[${source}] ${line}`);
}

async function main() {
  assertNodeVersion();
  const production = process.argv.includes('--prod');
  const appPort = portFromEnv('PORT', 3000);
  const ports = {
    cognito: portFromEnv('COGNITO_PORT', 9229),
    dynamodb: portFromEnv('DYNAMODB_PORT', 8000),
    s3: portFromEnv('S3_PORT', 4569),
    rekognition: portFromEnv('REKOGNITION_PORT', 4570),
    events: portFromEnv('EVENTS_PORT', 4571),
    mail: portFromEnv('MAIL_PORT', 4572),
  };
  const authCode = process.env.AUTH_CODE || '123456';
  if (!/^\d{6}$/.test(authCode)) throw new Error('AUTH_CODE must be six digits');
  const dataDir = path.join(ROOT, '.data');
  const appOrigin = `http://localhost:${appPort}`;

  await assertPortFree(appPort, HOST, 'the app; set PORT to use another');
  if (production && !(existsSync(path.join(STANDALONE_DIR, 'server.js')) && existsSync(ACTIVITY_BUNDLE))) {
    log('local', 'building the production bundle (npm run build)…');
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }

  log('local', `starting emulators (data in ${path.relative(ROOT, dataDir)}/)…`);
  const emulators: Emulators = await startEmulators({ dataDir, host: HOST, ports, authCode, log });
  let stopping = false;
  // Assigned once started; a Ctrl-C during provisioning stops only the emulators.
  let running: ChildService[] = [];
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('local', 'stopping…');
    await Promise.all(running.map((service) => service.stop().catch(() => undefined)));
    await emulators.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  const ids = await provisionAll(emulators.endpoints, [appOrigin, `http://127.0.0.1:${appPort}`], (line) => log('local', line));
  log('local', `user pool ${ids.userPoolId}, app client ${ids.clientId}, tables todos/lists/activity/outbox, bucket todoer-attachments, topic ${ids.events.topicArn}`);
  const vapid = vapidKeys(dataDir);
  const env = appEnvironment({
    endpoints: emulators.endpoints,
    ...ids,
    port: appPort,
    appOrigin,
    extra: { CURSOR_SECRET: cursorSecret(dataDir), VAPID_PUBLIC_KEY: vapid.publicKey },
  });
  const serverDir = production ? prepareStandalone() : undefined;
  const app = serverDir
    ? appService({ mode: 'standalone', host: HOST, port: appPort, env, log, serverDir })
    : appService({ mode: 'dev', host: HOST, port: appPort, env, log });
  const worker = workerService({ env: workerEnvironment({ endpoints: emulators.endpoints, events: ids.events }), log, bundled: production });
  const reminders = reminderService({ env: reminderEnvironment({ endpoints: emulators.endpoints, appOrigin, vapid }), log, bundled: production });
  running = [app, worker, reminders];
  log('local', `starting the app (${production ? 'production build' : 'next dev'}) and the activity consumer (its Lambda handler under the local poller)…`);
  try {
    await Promise.all([app.start(), worker.start(), reminders.start()]);
  } catch (error) {
    log('local', error instanceof Error ? error.message : String(error));
    await shutdown(1);
  }
  console.log(
    [
      '',
      `  Todoer is running at ${appOrigin}`,
      `  Every emailed code (sign-up, password reset) is ${authCode} in local mode (AUTH_CODE changes it).`,
      `  Emails the app sends (invitations, reminders) are caught at ${emulators.endpoints.ses}/ (the inbox, in a browser) and printed here as [mail] lines.`,
      `  Reminders are checked every 15 s (REMINDER_POLL_MS); Web Push keys are in ${path.relative(ROOT, dataDir)}/vapid-keys.json.`,
      `  Cognito ${emulators.endpoints.cognito} · DynamoDB ${emulators.endpoints.dynamodb} · S3 ${emulators.endpoints.s3} · Rekognition ${emulators.endpoints.rekognition} · SNS/SQS ${emulators.endpoints.sns}`,
      '  Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  const message = error instanceof PortInUseError || error instanceof Error ? error.message : String(error);
  console.error(`\n  Could not start Todoer: ${message}\n`);
  process.exit(1);
});
