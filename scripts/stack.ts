/**
 * Starts and stops the local stack: six AWS emulators as child processes, provisioned, the app and
 * the activity consumer (its Lambda handler under the local poller) and the reminder consumer (its
 * handler run on a timer, as the cloud's schedule runs it).
 * Shared by `npm run local`, the test runner and tests that need a stack of their own (fault tests).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { cpSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ACTIVITY_TABLE_NAME,
  BUCKET_NAME,
  LISTS_TABLE_NAME,
  SESSIONS_TABLE_NAME,
  RATE_LIMITS_TABLE_NAME,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  OUTBOX_TABLE_NAME,
  provisionAll,
  REMINDERS_TABLE_NAME,
  TABLE_NAME,
  type Endpoints,
  type EventBus,
} from './provision';
import { vapidKeysOfPrivatePem } from '../lib/reminders/vapid-keys';
import { LAMBDA_BUNDLE_FILE, LAMBDA_BUNDLE_ROOT } from '../worker/lambdas';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs');
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
export const STANDALONE_DIR = path.join(ROOT, '.next', 'standalone');

export type Log = (source: string, line: string) => void;

export class PortInUseError extends Error {}

/** Fails with a readable message when something already listens on the port. */
export async function assertPortFree(port: number, host: string, what: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new PortInUseError(`Port ${port} (${what}) is already in use on ${host}. Stop what uses it or pick another port.`)
          : error,
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** A port the OS says is free right now, for tests that run stacks side by side. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** One child process that reports readiness over IPC (emulators) or by answering HTTP (the app). */
export class ChildService {
  private child: ChildProcess | undefined;
  private readonly recent: string[] = [];

  constructor(
    readonly name: string,
    private readonly command: string[],
    private readonly options: { cwd?: string; env?: NodeJS.ProcessEnv; log?: Log; readyUrl?: string; readyTimeoutMs?: number },
  ) {}

  /** The process id while it runs (the streams benchmark reads its memory). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    const [file, ...args] = this.command;
    if (!file) throw new Error(`${this.name}: empty command`);
    const child = spawn(file, args, {
      cwd: this.options.cwd ?? ROOT,
      env: this.options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8').on('data', (chunk: string) => {
        for (const line of chunk.split('\n').filter(Boolean)) {
          this.recent.push(line);
          if (this.recent.length > 40) this.recent.shift();
          this.options.log?.(this.name, line);
        }
      });
    }
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) =>
        reject(new Error(`${this.name} exited with code ${code} while starting:\n${this.recent.join('\n')}`)),
      ),
    );
    const ready = this.options.readyUrl
      ? waitForHttp(this.options.readyUrl, this.options.readyTimeoutMs ?? 60_000)
      : new Promise<void>((resolve) => child.on('message', (message) => (message as { ready?: boolean }).ready && resolve()));
    const timeout = this.options.readyTimeoutMs ?? 30_000;
    await Promise.race([ready, exited, rejectAfter(timeout, `${this.name} did not start within ${timeout} ms`)]);
    exited.catch(() => undefined);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(killer);
  }

  /** Ends the process abruptly (a crash, for fault tests) and waits until it is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await gone;
  }

  output(): string {
    return this.recent.join('\n');
  }
}

function rejectAfter(ms: number, message: string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(message)), ms).unref());
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(10_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export type EmulatorPorts = {
  readonly cognito: number;
  readonly dynamodb: number;
  readonly s3: number;
  readonly rekognition: number;
  readonly events: number;
  readonly mail: number;
};

export type Emulators = {
  readonly endpoints: Endpoints;
  readonly services: { readonly [name in keyof EmulatorPorts]: ChildService };
  stop(): Promise<void>;
};

const EMULATOR_LABELS: Record<keyof EmulatorPorts, string> = {
  cognito: 'Cognito emulator (cognito-local)',
  dynamodb: 'DynamoDB emulator (dynalite)',
  s3: 'S3 emulator (s3rver)',
  rekognition: 'Rekognition labeller (local DetectLabels)',
  events: 'SNS + SQS emulator',
  mail: 'SES mail catcher',
};

/** The command that runs one of scripts/emulators/ as a child process. */
const emulatorCommand = (script: string, ...args: string[]) => [process.execPath, '--import', TSX, path.join(ROOT, 'scripts', 'emulators', script), ...args];

/**
 * The SES mail catcher (aws-ses-v2-local under scripts/emulators/mail-server.ts): it keeps mail in
 * memory only, and logs one line per caught email (recipients, subject, links), which the launcher prints.
 */
export function mailService(options: { host: string; port: number; log?: Log }): ChildService {
  return new ChildService('mail', emulatorCommand('mail-server.ts', String(options.port), options.host), { log: options.log });
}

export async function startEmulators(options: {
  dataDir: string;
  host: string;
  ports: EmulatorPorts;
  authCode: string;
  log?: Log;
}): Promise<Emulators> {
  const { dataDir, host, ports, authCode, log } = options;
  for (const name of Object.keys(ports) as (keyof EmulatorPorts)[]) {
    await assertPortFree(ports[name], host, EMULATOR_LABELS[name]);
  }
  const services = {
    cognito: new ChildService('cognito', emulatorCommand('cognito-server.ts', path.join(dataDir, 'cognito'), String(ports.cognito), host, authCode), { log }),
    dynamodb: new ChildService('dynamodb', emulatorCommand('dynamodb-server.ts', path.join(dataDir, 'dynamodb'), String(ports.dynamodb), host), { log }),
    s3: new ChildService('s3', emulatorCommand('s3-server.ts', path.join(dataDir, 's3'), String(ports.s3), host), { log }),
    // Loads and warms up its detection model before it reports ready (a few seconds).
    rekognition: new ChildService('rekognition', emulatorCommand('rekognition-server.ts', String(ports.rekognition), host, `http://${host}:${ports.s3}`), {
      log,
      readyTimeoutMs: 60_000,
    }),
    events: new ChildService('events', emulatorCommand('events-server.ts', path.join(dataDir, 'events'), String(ports.events), host), { log }),
    mail: mailService({ host, port: ports.mail, log }),
  };
  const all = Object.values(services);
  const stop = async () => {
    await Promise.all(all.map((service) => service.stop()));
  };
  try {
    await Promise.all(all.map((service) => service.start()));
  } catch (error) {
    await stop();
    throw error;
  }
  const endpoints = {
    cognito: `http://${host}:${ports.cognito}`,
    dynamodb: `http://${host}:${ports.dynamodb}`,
    s3: `http://${host}:${ports.s3}`,
    rekognition: `http://${host}:${ports.rekognition}`,
    sns: `http://${host}:${ports.events}`,
    sqs: `http://${host}:${ports.events}`,
    ses: `http://${host}:${ports.mail}`,
  };
  return { endpoints, services, stop };
}

/** The environment the app needs to run in local mode against the given emulators. */
export function appEnvironment(options: {
  endpoints: Endpoints;
  userPoolId: string;
  clientId: string;
  events: EventBus;
  port: number;
  appOrigin: string;
  extra?: Record<string, string>;
}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    APP_MODE: 'local',
    NODE_ENV: 'production',
    PORT: String(options.port),
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    APP_ORIGIN: options.appOrigin,
    COGNITO_USER_POOL_ID: options.userPoolId,
    COGNITO_CLIENT_ID: options.clientId,
    TODOS_TABLE: TABLE_NAME,
    ATTACHMENTS_BUCKET: BUCKET_NAME,
    ACTIVITY_TABLE: ACTIVITY_TABLE_NAME,
    OUTBOX_TABLE: OUTBOX_TABLE_NAME,
    LISTS_TABLE: LISTS_TABLE_NAME,
    SESSIONS_TABLE: SESSIONS_TABLE_NAME,
    RATE_LIMITS_TABLE: RATE_LIMITS_TABLE_NAME,
    REMINDERS_TABLE: REMINDERS_TABLE_NAME,
    EVENTS_TOPIC_ARN: options.events.topicArn,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: options.endpoints.cognito,
    AWS_ENDPOINT_URL_DYNAMODB: options.endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: options.endpoints.s3,
    AWS_ENDPOINT_URL_REKOGNITION: options.endpoints.rekognition,
    AWS_ENDPOINT_URL_SNS: options.endpoints.sns,
    AWS_ENDPOINT_URL_SESV2: options.endpoints.ses,
    NEXT_TELEMETRY_DISABLED: '1',
    ...options.extra,
  };
}

/** The environment of the activity consumer (the poller and the handler it runs) against the given emulators. */
export function workerEnvironment(options: { endpoints: Endpoints; events: EventBus; extra?: Record<string, string> }): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    EVENTS_QUEUE_URL: options.events.queueUrl,
    ACTIVITY_TABLE: ACTIVITY_TABLE_NAME,
    SESSIONS_TABLE: SESSIONS_TABLE_NAME,
    AWS_ENDPOINT_URL_SQS: options.endpoints.sqs,
    AWS_ENDPOINT_URL_DYNAMODB: options.endpoints.dynamodb,
    // Short polls and holds: Ctrl-C stops at once, a message held by a killed poller or failed by the
    // handler comes back within seconds, and a failing message reaches the dead-letter queue in seconds.
    WORKER_WAIT_SECONDS: '1',
    WORKER_VISIBILITY_SECONDS: '5',
    // The bundles carry source maps, as the functions in the cloud run them.
    NODE_OPTIONS: [process.env.NODE_OPTIONS, '--enable-source-maps'].filter(Boolean).join(' '),
    ...options.extra,
  };
}

/** The activity consumer's bundle as Lambda runs it (`npm run build:lambdas`). */
export const ACTIVITY_BUNDLE = path.join(ROOT, LAMBDA_BUNDLE_ROOT, 'activity', LAMBDA_BUNDLE_FILE);

/**
 * The activity consumer: the local poller (worker/local-poller.ts) running the Lambda handler, from the
 * built bundle Lambda runs when `bundled` and it exists, else from source (`npm run local` in dev mode).
 */
export function workerService(options: { env: NodeJS.ProcessEnv; log?: Log; bundled: boolean }): ChildService {
  const handler = options.bundled && existsSync(ACTIVITY_BUNDLE) ? ACTIVITY_BUNDLE : path.join(ROOT, 'worker', 'activity-handler.ts');
  const command = [process.execPath, '--import', TSX, path.join(ROOT, 'worker', 'local-poller.ts'), '--handler', handler];
  return new ChildService('worker', command, { cwd: ROOT, env: options.env, log: options.log });
}

export const REMINDER_BUNDLE = path.join(ROOT, LAMBDA_BUNDLE_ROOT, 'reminder', LAMBDA_BUNDLE_FILE);

export type VapidKeyPair = { readonly publicKey: string; readonly privateKey: string };

/** The environment of the reminder consumer (worker/reminder-poller.ts and the handler it runs) against the given emulators. */
export function reminderEnvironment(options: { endpoints: Endpoints; appOrigin: string; vapid: VapidKeyPair; extra?: Record<string, string> }): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: options.endpoints.dynamodb,
    AWS_ENDPOINT_URL_SESV2: options.endpoints.ses,
    REMINDERS_TABLE: REMINDERS_TABLE_NAME,
    TODOS_TABLE: TABLE_NAME,
    LISTS_TABLE: LISTS_TABLE_NAME,
    EMAIL_FROM: 'Todoer <no-reply@todoer.local>',
    APP_URL: options.appOrigin,
    VAPID_PUBLIC_KEY: options.vapid.publicKey,
    VAPID_PRIVATE_KEY: options.vapid.privateKey,
    NODE_OPTIONS: [process.env.NODE_OPTIONS, '--enable-source-maps'].filter(Boolean).join(' '),
    ...options.extra,
  };
}

/** The reminder consumer: its Lambda handler run every REMINDER_POLL_MS, as the cloud's schedule does every minute. */
export function reminderService(options: { env: NodeJS.ProcessEnv; log?: Log; bundled: boolean }): ChildService {
  const handler = options.bundled && existsSync(REMINDER_BUNDLE) ? REMINDER_BUNDLE : path.join(ROOT, 'worker', 'reminder-handler.ts');
  const command = [process.execPath, '--import', TSX, path.join(ROOT, 'worker', 'reminder-poller.ts'), '--handler', handler];
  return new ChildService('reminders', command, { cwd: ROOT, env: options.env, log: options.log });
}

/** Lays out the standalone server as the Dockerfile's runner stage does: public/ and .next/static beside server.js. */
export function prepareStandalone(): string {
  const server = path.join(STANDALONE_DIR, 'server.js');
  if (!existsSync(server)) throw new Error('No production build: run `npm run build` first.');
  if (existsSync(path.join(ROOT, 'public'))) {
    cpSync(path.join(ROOT, 'public'), path.join(STANDALONE_DIR, 'public'), { recursive: true });
  }
  cpSync(path.join(ROOT, '.next', 'static'), path.join(STANDALONE_DIR, '.next', 'static'), { recursive: true });
  return STANDALONE_DIR;
}

export function appService(options: {
  mode: 'standalone' | 'dev';
  host: string;
  port: number;
  env: NodeJS.ProcessEnv;
  log?: Log;
  serverDir?: string;
}): ChildService {
  const readyUrl = `http://127.0.0.1:${options.port}/api/health`;
  if (options.mode === 'dev') {
    return new ChildService('app', [process.execPath, NEXT_BIN, 'dev', '--port', String(options.port), '--hostname', options.host], {
      env: { ...options.env, NODE_ENV: 'development' },
      log: options.log,
      readyUrl,
      readyTimeoutMs: 120_000,
    });
  }
  const serverDir = options.serverDir ?? STANDALONE_DIR;
  return new ChildService('app', [process.execPath, path.join(serverDir, 'server.js')], {
    cwd: serverDir,
    env: { ...options.env, HOSTNAME: options.host },
    log: options.log,
    readyUrl,
    readyTimeoutMs: 60_000,
  });
}

export type Stack = {
  readonly appUrl: string;
  readonly emulators: Emulators;
  readonly app: ChildService;
  /** The activity consumer: its Lambda handler under the local poller. */
  readonly worker: ChildService;
  /** The reminder consumer under its poller, and its VAPID keys (raw; the app was given the public key as PEM). */
  readonly reminders: ChildService;
  readonly vapid: VapidKeyPair;
  readonly ids: { readonly userPoolId: string; readonly clientId: string; readonly events: EventBus };
  readonly appEnv: NodeJS.ProcessEnv;
  stop(): Promise<void>;
};

/** Emulators on free ports + the standalone build, for tests. */
export async function startTestStack(options: {
  dataDir: string;
  authCode?: string;
  extraEnv?: Record<string, string>;
  workerEnv?: Record<string, string>;
  log?: Log;
  /** A folder laid out like the container's /app (server.js, .next/static, public); default .next/standalone. */
  serverDir?: string;
}): Promise<Stack> {
  const host = '127.0.0.1';
  const ports = {
    cognito: await freePort(),
    dynamodb: await freePort(),
    s3: await freePort(),
    rekognition: await freePort(),
    events: await freePort(),
    mail: await freePort(),
  };
  const appPort = await freePort();
  const appUrl = `http://${host}:${appPort}`;
  const emulators = await startEmulators({ dataDir: options.dataDir, host, ports, authCode: options.authCode ?? '123456', log: options.log });
  try {
    const ids = await provisionAll(emulators.endpoints, [appUrl]);
    // A P-256 key in PEM as the infra makes it: the app reads the public PEM (as in the cloud), the consumer the raw keys.
    const vapidKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const vapid = vapidKeysOfPrivatePem(vapidKey.privateKey.export({ type: 'sec1', format: 'pem' }) as string);
    const appEnv = appEnvironment({
      endpoints: emulators.endpoints,
      ...ids,
      port: appPort,
      appOrigin: appUrl,
      // The tests read how many items each request read (x-items-read).
      // Hundreds of accounts sign up from 127.0.0.1 in a test run: the per-address limit is lifted here
      // (tests/api/limits.test.ts checks the limits on processes of its own).
      extra: {
        CURSOR_SECRET: randomBytes(32).toString('base64url'),
        REPORT_ITEMS_READ: 'true',
        AUTH_REQUESTS_PER_IP_PER_HOUR: '1000000',
        VAPID_PUBLIC_KEY: vapidKey.publicKey.export({ type: 'spki', format: 'pem' }) as string,
        ...options.extraEnv,
      },
    });
    const serverDir = options.serverDir ?? STANDALONE_DIR;
    const app = appService({ mode: 'standalone', host, port: appPort, env: appEnv, log: options.log, serverDir });
    const worker = workerService({
      env: workerEnvironment({ endpoints: emulators.endpoints, events: ids.events, extra: options.workerEnv }),
      log: options.log,
      bundled: true,
    });
    const reminders = reminderService({ env: reminderEnvironment({ endpoints: emulators.endpoints, appOrigin: appUrl, vapid }), log: options.log, bundled: true });
    const stopAll = async () => {
      await Promise.all([app.stop(), worker.stop(), reminders.stop()]);
      await emulators.stop();
    };
    try {
      await Promise.all([app.start(), worker.start(), reminders.start()]);
    } catch (error) {
      await stopAll();
      throw error;
    }
    return { appUrl, emulators, app, worker, reminders, vapid, ids, appEnv, stop: stopAll };
  } catch (error) {
    await emulators.stop();
    throw error;
  }
}
