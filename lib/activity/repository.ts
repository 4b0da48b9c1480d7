import 'server-only';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { deletePartition, deleteKeys } from '../aws/batch-delete';
import { dynamodb } from '../aws/dynamodb';
import { env } from '../env';
import { LIST_ACTIVITY_INDEX, taskKey, TASK_ACTIVITY_INDEX, toActivity, type Activity } from './item';

/** Reads of the activity table: one task's or one list's history, through their indexes. */

const table = () => env().ACTIVITY_TABLE;

export type ActivityPage = { readonly items: Activity[]; readonly lastSortKey: string | null };
export type ActivityScope = { readonly taskId: string } | { readonly listId: string } | { readonly actorId: string };

/** Newest first; `afterSortKey` continues after the last entry of the previous page. */
export async function listActivity(scope: ActivityScope, limit: number, afterSortKey: string | null): Promise<ActivityPage> {
  const [index, attribute, value] =
    'taskId' in scope
      ? [TASK_ACTIVITY_INDEX, 'task_key', taskKey(scope.taskId)]
      : 'listId' in scope
        ? [LIST_ACTIVITY_INDEX, 'list_id', scope.listId]
        : [undefined, 'user_id', scope.actorId];
  // One extra item proves there is a next page, so the last page never comes back empty.
  const { Items = [] } = await dynamodb().send(
    new QueryCommand({
      TableName: table(),
      ...(index ? { IndexName: index } : {}),
      KeyConditionExpression: afterSortKey ? '#key = :key AND sk < :after' : '#key = :key',
      ExpressionAttributeNames: { '#key': attribute },
      ExpressionAttributeValues: { ':key': value, ...(afterSortKey ? { ':after': afterSortKey } : {}) },
      ScanIndexForward: false,
      Limit: limit + 1,
    }),
  );
  const items = Items.slice(0, limit).map(toActivity);
  const last = Items.length > limit ? Items[limit - 1] : undefined;
  return { items, lastSortKey: last ? String(last.sk) : null };
}

/** Removes the person's own entries (account deletion). */
export async function deleteAllActivityForUser(userId: string): Promise<void> {
  await deletePartition(table(), 'user_id', userId, 'sk');
}

/** Removes a list's whole history (list deletion), whoever's actions they were. */
export async function deleteActivityOfList(listId: string): Promise<void> {
  for (;;) {
    const { Items = [] } = await dynamodb().send(
      new QueryCommand({
        TableName: table(),
        IndexName: LIST_ACTIVITY_INDEX,
        KeyConditionExpression: 'list_id = :list',
        ExpressionAttributeValues: { ':list': listId },
        ProjectionExpression: 'user_id, sk',
        Limit: 100,
      }),
    );
    if (Items.length === 0) return;
    await deleteKeys(table(), Items.map((item) => ({ user_id: item.user_id, sk: item.sk })));
  }
}
