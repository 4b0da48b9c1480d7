import 'server-only';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { env } from '../env';
import { mapUnavailable, sdkClientConfig } from './client-config';

let documentClient: DynamoDBDocumentClient | undefined;

/** The shared DynamoDB document client (marshalling: no undefined values, plain JS numbers). */
export function dynamodb(): DynamoDBDocumentClient {
  if (!documentClient) {
    const client = mapUnavailable(new DynamoDBClient(sdkClientConfig(env().AWS_ENDPOINT_URL_DYNAMODB)), 'DynamoDB');
    documentClient = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
    });
  }
  return documentClient;
}
