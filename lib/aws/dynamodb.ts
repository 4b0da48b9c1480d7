import 'server-only';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { env } from '../env';
import { mapUnavailable, sdkClientConfig } from './client-config';
import { recordRead } from './read-meter';

let documentClient: DynamoDBDocumentClient | undefined;

/** The shared DynamoDB document client (marshalling: no undefined values, plain JS numbers). */
export function dynamodb(): DynamoDBDocumentClient {
  if (!documentClient) {
    const client = mapUnavailable(new DynamoDBClient(sdkClientConfig(env().AWS_ENDPOINT_URL_DYNAMODB)), 'DynamoDB');
    client.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        recordRead(result.output);
        return result;
      },
      { step: 'initialize', name: 'todoerReadMeter' },
    );
    documentClient = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
    });
  }
  return documentClient;
}
