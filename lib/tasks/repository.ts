import 'server-only';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { deletePartition } from '../aws/batch-delete';
import { dynamodb } from '../aws/dynamodb';
import { env } from '../env';
import type { Attachment, Priority, StatusFilter, Task } from './schema';

/**
 * Owns every DynamoDB expression for tasks. Items are keyed by (user_id = the verified token's sub,
 * todo_id); every write is conditional and bumps `version`, so no update is ever silently lost.
 */

export const CREATED_AT_INDEX = 'CreatedAtIndex';

type TaskItem = {
  user_id: string;
  todo_id: string;
  title: string;
  description?: string;
  completed: boolean;
  priority: Priority;
  dueDate?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  attachments?: Attachment[];
  /** Lower-cased title + description: DynamoDB's contains() is case-sensitive. */
  search_text: string;
  /** Lower-cased attachment labels, for the label filter. */
  label_names?: string[];
};

export class VersionConflictError extends Error {}
export class TaskNotFoundError extends Error {}

function toTask(item: Record<string, unknown>): Task {
  const row = item as TaskItem;
  return {
    id: row.todo_id,
    title: row.title,
    description: row.description ?? null,
    completed: row.completed,
    priority: row.priority,
    dueDate: row.dueDate ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
    attachments: row.attachments ?? [],
  };
}

export function searchText(title: string, description: string | null): string {
  return `${title}\n${description ?? ''}`.toLowerCase();
}

const table = () => env().TODOS_TABLE;

export async function insertTask(userId: string, task: Task): Promise<Task> {
  const item: TaskItem = {
    user_id: userId,
    todo_id: task.id,
    title: task.title,
    description: task.description ?? undefined,
    completed: task.completed,
    priority: task.priority,
    dueDate: task.dueDate ?? undefined,
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
    version: task.version,
    attachments: [...task.attachments],
    search_text: searchText(task.title, task.description),
  };
  await dynamodb().send(
    new PutCommand({ TableName: table(), Item: item, ConditionExpression: 'attribute_not_exists(todo_id)' }),
  );
  return task;
}

export async function findTask(userId: string, taskId: string): Promise<Task | null> {
  const { Item } = await dynamodb().send(
    new GetCommand({ TableName: table(), Key: { user_id: userId, todo_id: taskId }, ConsistentRead: true }),
  );
  return Item ? toTask(Item) : null;
}

export type TaskChanges = {
  readonly title?: string;
  readonly description?: string | null;
  readonly dueDate?: string | null;
  readonly priority?: Priority;
  readonly completed?: boolean;
  readonly searchText?: string;
};

/** Runs an update only if the stored version is still `:expected` in `values`; returns the new task. */
async function updateAtVersion(
  userId: string,
  taskId: string,
  update: { expression: string; names: Record<string, string>; values: Record<string, unknown> },
): Promise<Task> {
  try {
    const { Attributes } = await dynamodb().send(
      new UpdateCommand({
        TableName: table(),
        Key: { user_id: userId, todo_id: taskId },
        UpdateExpression: update.expression,
        ConditionExpression: 'attribute_exists(todo_id) AND #version = :expected',
        ExpressionAttributeNames: update.names,
        ExpressionAttributeValues: update.values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    if (!Attributes) throw new TaskNotFoundError();
    return toTask(Attributes);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new VersionConflictError();
    throw error;
  }
}

/** Applies the changes only if the stored version is still `expectedVersion`; returns the new task. */
export async function updateTask(
  userId: string,
  taskId: string,
  expectedVersion: number,
  changes: TaskChanges,
  now: string,
): Promise<Task> {
  const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = { ':expected': expectedVersion, ':one': 1, ':now': now };
  const sets = ['#updatedAt = :now', '#version = #version + :one'];
  const removes: string[] = [];
  const attributeOf: Record<keyof TaskChanges, string> = {
    title: 'title',
    description: 'description',
    dueDate: 'dueDate',
    priority: 'priority',
    completed: 'completed',
    searchText: 'search_text',
  };
  for (const [key, value] of Object.entries(changes) as [keyof TaskChanges, unknown][]) {
    if (value === undefined) continue;
    const name = `#${key}`;
    names[name] = attributeOf[key];
    if (value === null) {
      removes.push(name);
    } else {
      values[`:${key}`] = value;
      sets.push(`${name} = :${key}`);
    }
  }
  return updateAtVersion(userId, taskId, {
    expression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
    names,
    values,
  });
}

/** Deletes the task if its version is still `expectedVersion`. */
export async function deleteTask(userId: string, taskId: string, expectedVersion: number): Promise<void> {
  try {
    await dynamodb().send(
      new DeleteCommand({
        TableName: table(),
        Key: { user_id: userId, todo_id: taskId },
        ConditionExpression: 'attribute_exists(todo_id) AND #version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': expectedVersion },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new VersionConflictError();
    throw error;
  }
}

/** Lower-cased, distinct label names of every attachment: what the `label` filter matches. */
function labelNamesOf(attachments: readonly Attachment[]): string[] {
  return [...new Set(attachments.flatMap((attachment) => attachment.labels.map((label) => label.name.toLowerCase())))];
}

/**
 * Replaces the task's attachment list (and its label index) if the stored version is still
 * `expectedVersion`; bumps the version like every other write.
 */
export async function saveAttachments(
  userId: string,
  taskId: string,
  expectedVersion: number,
  attachments: readonly Attachment[],
  now: string,
): Promise<Task> {
  const labelNames = labelNamesOf(attachments);
  const values: Record<string, unknown> = { ':expected': expectedVersion, ':one': 1, ':now': now, ':attachments': attachments };
  const sets = ['#attachments = :attachments', '#updatedAt = :now', '#version = #version + :one'];
  if (labelNames.length > 0) {
    values[':labels'] = labelNames;
    sets.push('#labels = :labels');
  }
  return updateAtVersion(userId, taskId, {
    expression: `SET ${sets.join(', ')}${labelNames.length > 0 ? '' : ' REMOVE #labels'}`,
    names: { '#attachments': 'attachments', '#labels': 'label_names', '#updatedAt': 'updatedAt', '#version': 'version' },
    values,
  });
}

/** Where a page ended: the CreatedAtIndex key of the last task handed out. */
export type CursorPosition = { readonly todoId: string; readonly createdAt: string };

export type ListFilters = { readonly status: StatusFilter; readonly q: string; readonly label: string };
export type TaskPage = { readonly items: Task[]; readonly last: CursorPosition | null };

/**
 * Newest first through CreatedAtIndex. DynamoDB applies Limit before FilterExpression, so one Query
 * can come back short or empty: keep reading until `limit` matches or the partition ends. The
 * returned position is that of the last task handed out, never DynamoDB's read-ahead key.
 */
export async function listTasks(userId: string, filters: ListFilters, limit: number, after: CursorPosition | null): Promise<TaskPage> {
  const names: Record<string, string> = { '#user': 'user_id' };
  const values: Record<string, unknown> = { ':user': userId };
  const conditions: string[] = [];
  if (filters.status !== 'all') {
    names['#completed'] = 'completed';
    values[':completed'] = filters.status === 'done';
    conditions.push('#completed = :completed');
  }
  if (filters.q) {
    names['#search'] = 'search_text';
    values[':q'] = filters.q.toLowerCase();
    conditions.push('contains(#search, :q)');
  }
  if (filters.label) {
    names['#labels'] = 'label_names';
    values[':label'] = filters.label.toLowerCase();
    conditions.push('contains(#labels, :label)');
  }
  const query = (startKey: QueryCommandOutput['LastEvaluatedKey']) =>
    dynamodb().send(
      new QueryCommand({
        TableName: table(),
        IndexName: CREATED_AT_INDEX,
        KeyConditionExpression: '#user = :user',
        FilterExpression: conditions.length ? conditions.join(' AND ') : undefined,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        // One extra item tells whether another page exists; filtered reads go further per round trip.
        Limit: conditions.length ? Math.max(limit * 2, 50) : limit + 1,
        ExclusiveStartKey: startKey,
      }),
    );
  const first = after ? { user_id: userId, todo_id: after.todoId, createdAt: after.createdAt } : undefined;
  const matches = matchingItems(query, first);
  const items: Task[] = [];
  // Taking one more than the page needs proves a next page exists, so the last page is never empty.
  for await (const item of matches) {
    if (items.length === limit) {
      const last = items[items.length - 1]!;
      return { items, last: { todoId: last.id, createdAt: last.createdAt } };
    }
    items.push(toTask(item));
  }
  return { items, last: null };
}

async function* matchingItems(
  query: (startKey: QueryCommandOutput['LastEvaluatedKey']) => Promise<QueryCommandOutput>,
  startKey: QueryCommandOutput['LastEvaluatedKey'],
): AsyncGenerator<Record<string, unknown>> {
  let next = startKey;
  do {
    const page = await query(next);
    yield* page.Items ?? [];
    next = page.LastEvaluatedKey;
  } while (next);
}

/** Removes every task item of one user. */
export function deleteAllTasksForUser(userId: string): Promise<number> {
  return deletePartition(table(), 'user_id', userId, 'todo_id');
}
