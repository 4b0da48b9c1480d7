/**
 * The activity worker (`npm run worker`; in the image `node worker.cjs`): consumes task events from
 * the queue and stores each as activity. A message is deleted only after its write; a failure leaves
 * it to come back later, and after five receives the queue moves it to the dead-letter queue.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient, type Message } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Consumer } from 'sqs-consumer';
import { storeActivity } from './activity-store';
import { parseWorkerEnv, type WorkerEnv } from './config';
import { eventFromBody } from './message';

const MAX_RETRY_DELAY_SECONDS = 300;
/** ECS waits 30 s after SIGTERM by default; finish the message in hand well inside that. */
const SHUTDOWN_GRACE_MS = 25_000;

function log(level: 'info' | 'warn' | 'error', event: string, fields: Record<string, unknown> = {}) {
  console[level](JSON.stringify({ level, event, ...fields }));
}

function clients(config: WorkerEnv) {
  const timeouts = { connectionTimeout: 1000, requestTimeout: (config.WORKER_WAIT_SECONDS + 5) * 1000, throwOnRequestTimeout: true };
  const sqs = new SQSClient({ region: config.AWS_REGION, endpoint: config.AWS_ENDPOINT_URL_SQS, requestHandler: timeouts });
  const dynamodb = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: config.AWS_REGION, endpoint: config.AWS_ENDPOINT_URL_DYNAMODB, requestHandler: timeouts }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  return { sqs, dynamodb };
}

function receiveCount(message: Message): number {
  return Number(message.Attributes?.ApproximateReceiveCount ?? 1);
}

function main() {
  let config: WorkerEnv;
  try {
    config = parseWorkerEnv(process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  const { sqs, dynamodb } = clients(config);

  const consumer = Consumer.create({
    queueUrl: config.EVENTS_QUEUE_URL,
    sqs,
    batchSize: config.WORKER_BATCH_SIZE,
    waitTimeSeconds: config.WORKER_WAIT_SECONDS,
    ...(config.WORKER_VISIBILITY_SECONDS ? { visibilityTimeout: config.WORKER_VISIBILITY_SECONDS } : {}),
    messageSystemAttributeNames: ['ApproximateReceiveCount'],
    pollingCompleteWaitTimeMs: SHUTDOWN_GRACE_MS,
    // An unreachable queue is retried every few seconds (the default waits 10 s).
    authenticationErrorTimeout: 3000,
    // Back off per delivery instead of retrying at once; the redrive policy ends the retries.
    terminateVisibilityTimeout: (messages) =>
      Math.min(config.WORKER_RETRY_SECONDS * Math.max(1, ...messages.map(receiveCount)), MAX_RETRY_DELAY_SECONDS),
    handleMessage: async (message) => {
      const event = eventFromBody(message.Body);
      const outcome = await storeActivity(dynamodb, config, event);
      log('info', 'activity-stored', { eventId: event.id, type: event.type, outcome });
      return message;
    },
  });

  consumer.on('processing_error', (error, message) =>
    log('warn', 'message-failed', { messageId: message?.MessageId, receiveCount: message && receiveCount(message), error: error.message }),
  );
  consumer.on('error', (error) => log('error', 'queue-error', { error: error.message }));
  consumer.on('stopped', () => {
    log('info', 'worker-stopped');
    process.exit(0);
  });

  let stopping = false;
  const shutdown = (reason: string) => {
    if (stopping) return;
    stopping = true;
    log('info', 'worker-stopping', { reason });
    consumer.stop();
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS + 2000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // Started by the local launcher or a test: stop with the parent.
  process.on('disconnect', () => shutdown('parent-gone'));

  consumer.start();
  log('info', 'worker-started', { queueUrl: config.EVENTS_QUEUE_URL, table: config.ACTIVITY_TABLE });
  process.send?.({ ready: true });
}

main();
