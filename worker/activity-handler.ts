/**
 * The activity consumer: stores each task event of an SQS batch as activity, once per event id
 * (activity-store.ts). The same function runs on AWS Lambda (the event source mapping reports partial
 * batch failures) and locally under local-poller.ts. A message that fails is named in the answer and
 * comes back after its visibility timeout; after five receives the queue moves it to the dead-letter queue.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { storeActivity, type StoreTables } from './activity-store';
import { parseHandlerEnv, type HandlerEnv } from './config';
import { log } from './log';
import { eventFromBody, PoisonMessageError } from './message';
import type { SQSBatchResponse, SQSEvent, SQSHandler, SQSRecord } from './sqs-event';

export type ActivityHandlerDeps = { readonly dynamodb: DynamoDBDocumentClient; readonly tables: StoreTables };

/** Whether the record was handled; a failure is logged here, with what the redrive needs to be read. */
async function consume(deps: ActivityHandlerDeps, record: SQSRecord): Promise<boolean> {
  try {
    const event = eventFromBody(record.body);
    const outcome = await storeActivity(deps.dynamodb, deps.tables, event);
    log('info', 'activity-stored', { eventId: event.id, type: event.type, outcome });
    return true;
  } catch (error) {
    log('warn', 'message-failed', {
      messageId: record.messageId,
      receiveCount: Number(record.attributes.ApproximateReceiveCount),
      poison: error instanceof PoisonMessageError,
      error: error instanceof Error ? error.message : String(error),
    });
    return false;
  }
}

/** The handler over given clients (tests pass their own); records are independent, so they run side by side. */
export function activityHandler(deps: ActivityHandlerDeps): SQSHandler {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const handled = await Promise.all(event.Records.map((record) => consume(deps, record)));
    return { batchItemFailures: event.Records.filter((_, index) => !handled[index]).map((record) => ({ itemIdentifier: record.messageId })) };
  };
}

/** Clients from the function's environment; a request is bounded well inside the function's timeout. */
export function handlerDeps(config: HandlerEnv): ActivityHandlerDeps {
  const dynamodb = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: config.AWS_REGION,
      endpoint: config.AWS_ENDPOINT_URL_DYNAMODB,
      requestHandler: { connectionTimeout: 1000, requestTimeout: 5000, throwOnRequestTimeout: true },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  return { dynamodb, tables: config };
}

let configured: SQSHandler | undefined;

/**
 * Lambda's entry point (`index.handler` in the bundle). Made on the first event and kept for the life
 * of the execution environment; a configuration error fails the whole batch, loudly, in the function's errors.
 */
export const handler: SQSHandler = (event) => {
  configured ??= activityHandler(handlerDeps(parseHandlerEnv(process.env)));
  return configured(event);
};
