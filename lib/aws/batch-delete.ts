import 'server-only';
import { BatchWriteCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from './dynamodb';

const BATCH_WRITE_LIMIT = 25;
const MAX_BATCH_RETRIES = 8;

/** Deletes the keys 25 at a time, retrying what DynamoDB leaves unprocessed with backoff. */
export async function deleteKeys(table: string, keys: readonly Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < keys.length; i += BATCH_WRITE_LIMIT) {
    let requests = keys.slice(i, i + BATCH_WRITE_LIMIT).map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; requests.length > 0; attempt += 1) {
      if (attempt > MAX_BATCH_RETRIES) throw new Error(`Could not delete ${requests.length} items from ${table}`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const result = await dynamodb().send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (result.UnprocessedItems?.[table] ?? []).flatMap((request) =>
        request.DeleteRequest?.Key ? [{ DeleteRequest: { Key: request.DeleteRequest.Key } }] : [],
      );
    }
  }
}

/** Deletes every item of one partition (e.g. all of a person's rows), page by page; returns how many. */
export async function deletePartition(table: string, hashKey: string, value: string, rangeKey: string): Promise<number> {
  let deleted = 0;
  let startKey: QueryCommandOutput['LastEvaluatedKey'];
  do {
    const page = await dynamodb().send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: '#hash = :value',
        ExpressionAttributeNames: { '#hash': hashKey, '#range': rangeKey },
        ExpressionAttributeValues: { ':value': value },
        ProjectionExpression: '#hash, #range',
        ExclusiveStartKey: startKey,
      }),
    );
    const keys = (page.Items ?? []).map((item) => ({ [hashKey]: item[hashKey], [rangeKey]: item[rangeKey] }));
    await deleteKeys(table, keys);
    deleted += keys.length;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return deleted;
}
