import 'server-only';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { deletePartition } from '../aws/batch-delete';
import { dynamodb } from '../aws/dynamodb';
import { env } from '../env';
import { taskKey, TASK_ACTIVITY_INDEX, toActivity, type Activity } from './item';

/** Reads of the activity table, always inside the caller's partition (or their own task's index key). */

const table = () => env().ACTIVITY_TABLE;

export type ActivityPage = { readonly items: Activity[]; readonly lastSortKey: string | null };

/** Newest first; `afterSortKey` continues after the last entry of the previous page. */
export async function listActivity(
  userId: string,
  taskId: string | undefined,
  limit: number,
  afterSortKey: string | null,
): Promise<ActivityPage> {
  const byTask = taskId !== undefined;
  const partition = byTask
    ? { IndexName: TASK_ACTIVITY_INDEX, KeyConditionExpression: 'task_key = :key', ExpressionAttributeValues: { ':key': taskKey(userId, taskId) } }
    : { KeyConditionExpression: 'user_id = :key', ExpressionAttributeValues: { ':key': userId } };
  const startKey = afterSortKey
    ? { user_id: userId, sk: afterSortKey, ...(byTask ? { task_key: taskKey(userId, taskId) } : {}) }
    : undefined;
  // One extra item proves there is a next page, so the last page never comes back empty.
  const { Items = [] } = await dynamodb().send(
    new QueryCommand({ TableName: table(), ...partition, ScanIndexForward: false, Limit: limit + 1, ExclusiveStartKey: startKey }),
  );
  const items = Items.slice(0, limit).map(toActivity);
  const last = Items.length > limit ? Items[limit - 1] : undefined;
  return { items, lastSortKey: last ? String(last.sk) : null };
}

/** Removes the person's whole activity log (account deletion). */
export async function deleteAllActivityForUser(userId: string): Promise<void> {
  await deletePartition(table(), 'user_id', userId, 'sk');
}
