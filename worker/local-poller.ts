/**
 * Runs a Lambda SQS handler locally, as Lambda's event source mapping does in the cloud: long-polls the
 * queue, hands each batch to the handler as an SQSEvent, deletes the messages it handled and leaves the
 * ones it reports failed to come back after their visibility timeout (and, after five receives, to the
 * queue's redrive to the dead-letter queue). Started by `npm run local` and the test stack, so the code
 * path is the one Lambda runs: `--handler <file>` names the built bundle (.lambda/activity/index.js)
 * or, by default, the handler's source.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { parsePollerEnv, type PollerEnv } from './config';
import { log } from './log';
import type { SQSEvent, SQSHandler, SQSRecord } from './sqs-event';

/** After a failed receive (queue unreachable), wait this long before asking again. */
const QUEUE_ERROR_PAUSE_MS = 3000;

export type PollerOptions = {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly region: string;
  readonly handler: SQSHandler;
  readonly batchSize: number;
  readonly waitSeconds: number;
  readonly visibilitySeconds?: number;
};

/** The queue's ARN from its URL (`…/<account>/<name>`), as Lambda puts it on every record. */
export function queueArnOf(queueUrl: string, region: string): string {
  const [account = '000000000000', name = ''] = new URL(queueUrl).pathname.split('/').filter(Boolean).slice(-2);
  return `arn:aws:sqs:${region}:${account}:${name}`;
}

/** A received message in the shape Lambda hands the handler. */
export function recordOf(message: Message, eventSourceARN: string, region: string): SQSRecord {
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1',
      SentTimestamp: message.Attributes?.SentTimestamp,
    },
    messageAttributes: message.MessageAttributes ?? {},
    eventSource: 'aws:sqs',
    eventSourceARN,
    awsRegion: region,
  };
}

/** The records to delete: every one the handler did not name as failed; a thrown handler fails them all, as on Lambda. */
async function handledRecords(handler: SQSHandler, event: SQSEvent): Promise<SQSRecord[]> {
  try {
    const { batchItemFailures } = await handler(event);
    const failed = new Set(batchItemFailures.map((failure) => failure.itemIdentifier));
    return event.Records.filter((record) => !failed.has(record.messageId));
  } catch (error) {
    log('error', 'batch-failed', { messages: event.Records.length, error: error instanceof Error ? error.message : String(error) });
    return [];
  }
}

/** One receive → handle → delete round; resolves to the number of messages received. */
export async function pollOnce(options: PollerOptions): Promise<number> {
  const { Messages = [] } = await options.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: options.queueUrl,
      MaxNumberOfMessages: options.batchSize,
      WaitTimeSeconds: options.waitSeconds,
      VisibilityTimeout: options.visibilitySeconds,
      MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
      MessageAttributeNames: ['All'],
    }),
  );
  if (Messages.length === 0) return 0;
  const arn = queueArnOf(options.queueUrl, options.region);
  const handled = await handledRecords(options.handler, { Records: Messages.map((message) => recordOf(message, arn, options.region)) });
  if (handled.length > 0) {
    const { Failed = [] } = await options.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: options.queueUrl,
        Entries: handled.map((record, index) => ({ Id: String(index), ReceiptHandle: record.receiptHandle })),
      }),
    );
    // Not deleted: it comes back and is stored once more as a duplicate, which the handler absorbs.
    for (const failure of Failed) log('warn', 'delete-failed', { messageId: handled[Number(failure.Id)]?.messageId, error: failure.Message });
  }
  return Messages.length;
}

/** Polls until `signal` aborts; the round in flight is finished first, so no received message is left held. */
export async function runPoller(options: PollerOptions, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    try {
      await pollOnce(options);
    } catch (error) {
      log('error', 'queue-error', { error: error instanceof Error ? error.message : String(error) });
      await new Promise((resolve) => setTimeout(resolve, QUEUE_ERROR_PAUSE_MS));
    }
  }
}

/** The `handler` export of a module: an ES module's, or a CommonJS bundle's (seen as `default.handler`). */
export async function loadExportedHandler(file: string): Promise<(...args: never[]) => unknown> {
  const loaded = (await import(pathToFileURL(path.resolve(file)).href)) as { handler?: unknown; default?: { handler?: unknown } };
  const handler = loaded.handler ?? loaded.default?.handler;
  if (typeof handler !== 'function') throw new Error(`${file} exports no handler function`);
  return handler as (...args: never[]) => unknown;
}

/** An SQS consumer's handler (worker/lambdas.ts): the poller hands it each batch. */
export async function loadHandler(file: string): Promise<SQSHandler> {
  return (await loadExportedHandler(file)) as SQSHandler;
}

function sqsClient(config: PollerEnv): SQSClient {
  return new SQSClient({
    region: config.AWS_REGION,
    endpoint: config.AWS_ENDPOINT_URL_SQS,
    requestHandler: { connectionTimeout: 1000, requestTimeout: (config.WORKER_WAIT_SECONDS + 5) * 1000, throwOnRequestTimeout: true },
  });
}

async function main(): Promise<void> {
  const flag = process.argv.indexOf('--handler');
  const file = flag >= 0 ? process.argv[flag + 1] : path.join(path.dirname(fileURLToPath(import.meta.url)), 'activity-handler.ts');
  let config: PollerEnv;
  let handler: SQSHandler;
  try {
    config = parsePollerEnv(process.env);
    handler = await loadHandler(file ?? '');
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  const stop = new AbortController();
  const shutdown = (reason: string) => {
    if (stop.signal.aborted) return;
    log('info', 'poller-stopping', { reason });
    stop.abort();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // Started by the local launcher or a test: stop with the parent.
  process.on('disconnect', () => shutdown('parent-gone'));

  const sqs = sqsClient(config);
  log('info', 'poller-started', { queueUrl: config.EVENTS_QUEUE_URL, handler: path.relative(process.cwd(), file ?? '') });
  process.send?.({ ready: true });
  await runPoller(
    {
      sqs,
      queueUrl: config.EVENTS_QUEUE_URL,
      region: config.AWS_REGION,
      handler,
      batchSize: config.WORKER_BATCH_SIZE,
      waitSeconds: config.WORKER_WAIT_SECONDS,
      visibilitySeconds: config.WORKER_VISIBILITY_SECONDS,
    },
    stop.signal,
  );
  log('info', 'poller-stopped');
  process.exit(0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
