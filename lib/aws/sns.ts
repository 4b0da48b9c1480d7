import 'server-only';
import { SNSClient } from '@aws-sdk/client-sns';
import { env } from '../env';

let client: SNSClient | undefined;

/**
 * The SNS client for task events. Tighter than the other clients and never retried inline: a slow or
 * unreachable topic must not hold up the request: the event already waits on its task's item for the sweeper.
 */
export function sns(): SNSClient {
  client ??= new SNSClient({
    region: env().AWS_REGION,
    endpoint: env().AWS_ENDPOINT_URL_SNS,
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 500, requestTimeout: 1500, throwOnRequestTimeout: true },
  });
  return client;
}
