import 'server-only';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
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
