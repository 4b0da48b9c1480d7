/**
 * Builds fauxqs's HTTP app (SQS on JSON 1.0, SNS on awsQuery, one port) with queue URLs that resolve.
 *
 * Left alone, fauxqs names queues `http://sqs.<region>.localhost:<port>/...`, a host name that does
 * not resolve here, so only clients with an explicit endpoint could follow a queue URL. Its store
 * builds the URL from the request's Host header instead when its `host` is empty; the package does not
 * export its stores, so they are loaded from its dist folder (fauxqs is pinned to an exact version).
 */
import { buildApp } from 'fauxqs';
import { canonicalQueueUrls, queueUrlOrigin } from './events-queue-urls';
import type { EventsApp } from './events-types';

type Stores = NonNullable<NonNullable<Parameters<typeof buildApp>[0]>['stores']>;

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);
const FAUXQS_DIST = new URL('.', import.meta.resolve('fauxqs'));

async function loadClass<T>(file: string, name: string): Promise<new () => T> {
  const exports = (await import(new URL(file, FAUXQS_DIST).href)) as Record<string, unknown>;
  const value = exports[name];
  if (typeof value !== 'function') throw new Error(`fauxqs has no ${name} in ${file}: was the package upgraded?`);
  return value as new () => T;
}

async function createStores(): Promise<Stores> {
  const [SqsStore, SnsStore, S3Store] = await Promise.all([
    loadClass<Stores['sqsStore']>('sqs/sqsStore.js', 'SqsStore'),
    loadClass<Stores['snsStore']>('sns/snsStore.js', 'SnsStore'),
    loadClass<Stores['s3Store']>('s3/s3Store.js', 'S3Store'),
  ]);
  const sqsStore = new SqsStore();
  sqsStore.host = '';
  return { sqsStore, snsStore: new SnsStore(), s3Store: new S3Store() };
}

export async function createEventsApp(host: string, port: number): Promise<EventsApp> {
  const app: EventsApp = buildApp({ logger: false, stores: await createStores() });
  // On a wildcard address no single host names the emulator: queue URLs then follow each request's Host.
  if (!WILDCARD_HOSTS.has(host)) canonicalQueueUrls(app, queueUrlOrigin(host, port));
  // With fauxqs's logger off, unexpected failures (500s) would pass silently: print them.
  app.addHook('onError', (request, _reply, error, done) => {
    console.error(`events emulator: ${request.method} ${request.url} failed: ${error.stack ?? error.message}`);
    done();
  });
  return app;
}
