import 'server-only';
import { BatchWriteCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '../aws/dynamodb';
import { env } from '../env';

/** Owns every DynamoDB expression for tasks: items are keyed by (user_id = token sub, todo_id). */

const BATCH_WRITE_LIMIT = 25;
const MAX_BATCH_RETRIES = 8;

/** Removes every task item of one user, paging through the partition and retrying unprocessed deletes. */
export async function deleteAllTasksForUser(userId: string): Promise<number> {
  const table = env().TODOS_TABLE;
  let deleted = 0;
  let startKey: QueryCommandOutput['LastEvaluatedKey'];
  do {
    const page = await dynamodb().send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'user_id = :user',
        ExpressionAttributeValues: { ':user': userId },
        ProjectionExpression: 'user_id, todo_id',
        ExclusiveStartKey: startKey,
      }),
    );
    const keys = (page.Items ?? []).map((item) => ({ user_id: item.user_id, todo_id: item.todo_id }));
    for (let i = 0; i < keys.length; i += BATCH_WRITE_LIMIT) {
      await deleteKeys(table, keys.slice(i, i + BATCH_WRITE_LIMIT));
    }
    deleted += keys.length;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return deleted;
}

async function deleteKeys(table: string, keys: Record<string, unknown>[]) {
  let requests = keys.map((Key) => ({ DeleteRequest: { Key } }));
  for (let attempt = 0; requests.length > 0; attempt += 1) {
    if (attempt > MAX_BATCH_RETRIES) throw new Error(`Could not delete ${requests.length} task items`);
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    const result = await dynamodb().send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
    requests = (result.UnprocessedItems?.[table] ?? []).flatMap((request) =>
      request.DeleteRequest?.Key ? [{ DeleteRequest: { Key: request.DeleteRequest.Key } }] : [],
    );
  }
}
