/**
 * Brings stored data to the current model (docs/data-model.md, "Migration"). Idempotent: every write is
 * conditional on the item still being in the old shape, so running it twice, or beside the app, changes
 * nothing twice.
 *   1. A task without a list goes to its creator's Inbox (created if missing), with every index key.
 *   2. An activity entry without a list gets its task's list and the task-id `task_key`.
 * Run by `npm run local` before the app starts, and by deploy.sh after the stacks are applied:
 *   node --import tsx scripts/migrate.ts   (TODOS_TABLE, LISTS_TABLE, ACTIVITY_TABLE, AWS_REGION,
 *   and AWS_ENDPOINT_URL_DYNAMODB for an emulator)
 */
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { generateNKeysBetween } from 'fractional-indexing';
import { pathToFileURL } from 'node:url';
import { inboxIdFor, INBOX_POSITION, listItem, memberItem } from '../lib/lists/items';
import { INBOX_NAME } from '../lib/lists/schema';
import { taskItem, toTask } from '../lib/tasks/item';
import { PRIORITIES, type Task } from '../lib/tasks/schema';

export type MigrationTables = { readonly todos: string; readonly lists: string; readonly activity: string };
export type MigrationReport = { readonly tasks: number; readonly inboxes: number; readonly activity: number };

async function* scan(client: DynamoDBDocumentClient, table: string): AsyncGenerator<Record<string, unknown>> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: startKey }));
    yield* page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

async function putUnless(client: DynamoDBDocumentClient, input: ConstructorParameters<typeof PutCommand>[0]): Promise<boolean> {
  try {
    await client.send(new PutCommand(input));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The Inbox of an account that predates lists; its member item learns the email from the app later. */
async function ensureInbox(client: DynamoDBDocumentClient, table: string, userId: string, now: string): Promise<boolean> {
  const listId = inboxIdFor(userId);
  const created = await putUnless(client, {
    TableName: table,
    Item: listItem({ list_id: listId, name: INBOX_NAME, owner_id: userId, inbox: true, version: 1, createdAt: now, updatedAt: now }),
    ConditionExpression: 'attribute_not_exists(pk)',
  });
  await putUnless(client, {
    TableName: table,
    Item: memberItem({ list_id: listId, user_id: userId, role: 'owner', email: '', position: INBOX_POSITION, joinedAt: now }),
    ConditionExpression: 'attribute_not_exists(pk)',
  });
  return created;
}

/** A version-1 item as a Task in `listId`; fields it may lack get the defaults version 1 used. */
function fromLegacy(item: Record<string, unknown>, listId: string, position: string, now: string): Task {
  const createdAt = typeof item.createdAt === 'string' ? item.createdAt : now;
  const old = toTask({ ...item, list_id: listId, position });
  const completed = old.completed === true;
  const updatedAt = typeof item.updatedAt === 'string' ? item.updatedAt : createdAt;
  return {
    ...old,
    title: typeof item.title === 'string' ? item.title : '',
    completed,
    completedAt: completed ? (old.completedAt ?? updatedAt) : null,
    priority: PRIORITIES.includes(old.priority) ? old.priority : 'medium',
    createdAt,
    updatedAt,
    version: typeof item.version === 'number' ? item.version : 1,
  };
}

export async function migrate(client: DynamoDBDocumentClient, tables: MigrationTables, log: (line: string) => void = () => undefined): Promise<MigrationReport> {
  const now = new Date().toISOString();
  // Old tasks per creator, oldest first, so their manual order follows their age.
  const byCreator = new Map<string, Record<string, unknown>[]>();
  const listOfTask = new Map<string, string>();
  for await (const item of scan(client, tables.todos)) {
    if (item.deleted === true) continue;
    if (typeof item.list_id === 'string') {
      listOfTask.set(String(item.todo_id), item.list_id);
      continue;
    }
    const creator = String(item.user_id);
    byCreator.set(creator, [...(byCreator.get(creator) ?? []), item]);
  }
  let tasks = 0;
  let inboxes = 0;
  for (const [creator, items] of byCreator) {
    if (await ensureInbox(client, tables.lists, creator, now)) inboxes += 1;
    const inbox = inboxIdFor(creator);
    items.sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)));
    const positions = generateNKeysBetween(null, null, items.length);
    for (const [index, item] of items.entries()) {
      const task = fromLegacy(item, inbox, positions[index]!, now);
      // Only the item as it was read: a version that moved on, or a list set meanwhile, wins.
      const versioned = typeof item.version === 'number';
      const written = await putUnless(client, {
        TableName: tables.todos,
        Item: taskItem(task),
        ConditionExpression: `attribute_exists(todo_id) AND attribute_not_exists(list_id) AND ${versioned ? '#version = :version' : 'attribute_not_exists(#version)'}`,
        ExpressionAttributeNames: { '#version': 'version' },
        ...(versioned ? { ExpressionAttributeValues: { ':version': item.version } } : {}),
      });
      if (written) tasks += 1;
      listOfTask.set(task.id, inbox);
    }
  }
  let activity = 0;
  for await (const item of scan(client, tables.activity)) {
    if (typeof item.list_id === 'string') continue;
    const taskId = String(item.task_id);
    const listId = listOfTask.get(taskId) ?? inboxIdFor(String(item.user_id));
    try {
      await client.send(
        new UpdateCommand({
          TableName: tables.activity,
          Key: { user_id: item.user_id, sk: item.sk },
          UpdateExpression: 'SET list_id = :list, task_key = :task',
          ConditionExpression: 'attribute_exists(sk) AND attribute_not_exists(list_id)',
          ExpressionAttributeValues: { ':list': listId, ':task': taskId },
        }),
      );
      activity += 1;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  if (tasks + inboxes + activity > 0) log(`migrated ${tasks} tasks into Inboxes (${inboxes} created) and ${activity} activity entries`);
  return { tasks, inboxes, activity };
}

/** The document client the app would use for these settings. */
export function migrationClient(options: { region: string; endpoint?: string; credentials?: { accessKeyId: string; secretAccessKey: string } }) {
  return DynamoDBDocumentClient.from(new DynamoDBClient(options), { marshallOptions: { removeUndefinedValues: true } });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const region = process.env.AWS_REGION;
  if (!region) {
    console.error('AWS_REGION is not set.');
    process.exit(2);
  }
  const client = migrationClient({ region, endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB || undefined });
  const tables = {
    todos: process.env.TODOS_TABLE || 'todos',
    lists: process.env.LISTS_TABLE || 'lists',
    activity: process.env.ACTIVITY_TABLE || 'activity',
  };
  migrate(client, tables, console.log)
    .then((report) => console.log(JSON.stringify({ event: 'migration-done', tables, ...report })))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    });
}
