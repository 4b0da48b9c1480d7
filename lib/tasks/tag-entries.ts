import 'server-only';
import { BatchGetCommand, BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '../aws/dynamodb';
import { env } from '../env';
import { listPk } from '../lists/items';
import { isTombstone, justBelow, toTask } from './item';
import type { Chunk } from './merge';
import { tagKey } from './rules';
import type { Task } from './schema';

/**
 * The tag index (docs/data-model.md, "Tags"): one small entry per (task, tag) in its list's partition
 * of the `lists` table, open tasks apart from done ones and newest first, so a tag's view reads in
 * proportion to its page, and renaming a tag finds exactly its tasks.
 * Entries follow the task after each write; a write that dies between the task and its entries leaves
 * an entry that the read checks against the task itself (and skips), so a stale entry never shows.
 */

const lists = () => env().LISTS_TABLE;
const todos = () => env().TODOS_TABLE;

const TAG_PREFIX = 'T#';
const tagPrefix = (tag: string) => `${TAG_PREFIX}${tagKey(tag)}#`;
const openPrefix = (tag: string) => `${tagPrefix(tag)}o#`;
const state = (task: Pick<Task, 'completed'>) => (task.completed ? 'd' : 'o');
export const tagEntryKey = (tag: string, task: Pick<Task, 'createdAt' | 'id' | 'completed'>) =>
  `${tagPrefix(tag)}${state(task)}#${task.createdAt}#${task.id}`;

type Entry = { readonly pk: string; readonly sk: string; readonly user_id: string; readonly todo_id: string; readonly tag: string };

function entriesOf(task: Task | null): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  if (!task) return entries;
  for (const tag of task.tags) {
    const entry = { pk: listPk(task.listId), sk: tagEntryKey(tag, task), user_id: task.createdBy, todo_id: task.id, tag };
    entries.set(`${entry.pk}\n${entry.sk}`, entry);
  }
  return entries;
}

/** Brings the entries of one task from what `before` needed to what `after` needs (null: none). */
export async function syncTagEntries(before: Task | null, after: Task | null): Promise<void> {
  const old = entriesOf(before);
  const wanted = entriesOf(after);
  const requests = [
    ...[...wanted].filter(([key]) => !old.has(key)).map(([, Item]) => ({ PutRequest: { Item } })),
    ...[...old].filter(([key]) => !wanted.has(key)).map(([, entry]) => ({ DeleteRequest: { Key: { pk: entry.pk, sk: entry.sk } } })),
  ];
  for (let i = 0; i < requests.length; i += 25) {
    let batch = requests.slice(i, i + 25);
    for (let attempt = 0; batch.length > 0 && attempt < 8; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
      const { UnprocessedItems } = await dynamodb().send(new BatchWriteCommand({ RequestItems: { [lists()]: batch } }));
      batch = (UnprocessedItems?.[lists()] ?? []) as typeof batch;
    }
  }
}

/** One list's open tasks with `tag`, newest first, strictly after `afterKey`: entries, then their tasks. */
export async function readTagged(listId: string, tag: string, afterKey: string | null, size: number): Promise<Chunk<Task>> {
  const page = await dynamodb().send(
    new QueryCommand({
      TableName: lists(),
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :low AND :high',
      ExpressionAttributeValues: { ':pk': listPk(listId), ':low': openPrefix(tag), ':high': afterKey ? justBelow(afterKey) : `${openPrefix(tag)}~` },
      ScanIndexForward: false,
      Limit: size,
    }),
  );
  const entries = (page.Items ?? []) as Entry[];
  const last = page.LastEvaluatedKey?.sk;
  const frontier = typeof last === 'string' ? last : null;
  if (entries.length === 0) return { items: [], frontier, scanned: page.ScannedCount ?? 0 };
  const { Responses } = await dynamodb().send(
    new BatchGetCommand({ RequestItems: { [todos()]: { Keys: entries.map((entry) => ({ user_id: entry.user_id, todo_id: entry.todo_id })) } } }),
  );
  const byId = new Map((Responses?.[todos()] ?? []).filter((item) => !isTombstone(item)).map((item) => [String(item.todo_id), toTask(item)]));
  // Only what the task itself still says: open, in this list, with this tag.
  const items = entries.flatMap((entry) => {
    const task = byId.get(entry.todo_id);
    return task && !task.completed && task.listId === listId && task.tags.some((candidate) => tagKey(candidate) === tagKey(tag)) ? [task] : [];
  });
  return { items, frontier, scanned: entries.length + (Responses?.[todos()]?.length ?? 0) };
}

export type TaggedRef = { readonly createdBy: string; readonly taskId: string; readonly tag: string };

async function queryEntries(listId: string, beginsWith: string): Promise<Entry[]> {
  const entries: Entry[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamodb().send(
      new QueryCommand({
        TableName: lists(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': listPk(listId), ':prefix': beginsWith },
        ExclusiveStartKey: startKey,
      }),
    );
    entries.push(...((page.Items ?? []) as Entry[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return entries;
}

/** Every task of a list with `tag`, open or done (renaming or removing a tag). */
export async function tasksTagged(listId: string, tag: string): Promise<TaggedRef[]> {
  return (await queryEntries(listId, tagPrefix(tag))).map((entry) => ({ createdBy: entry.user_id, taskId: entry.todo_id, tag: entry.tag }));
}

/** The tags used in a list, spelt as on their newest task, with how many open tasks carry each. */
export async function tagsOfList(listId: string): Promise<{ readonly name: string; readonly open: number; readonly total: number; readonly newest: string }[]> {
  const byKey = new Map<string, { name: string; open: number; total: number; newest: string }>();
  for (const entry of await queryEntries(listId, TAG_PREFIX)) {
    const key = tagKey(entry.tag);
    // sk = T#<tag>#<o|d>#<createdAt (24 characters)>#<id (36)>: read from the end, tags may hold "#".
    const createdAt = entry.sk.slice(-61, -37);
    const counted = byKey.get(key) ?? { name: entry.tag, open: 0, total: 0, newest: '' };
    counted.total += 1;
    if (entry.sk.startsWith(openPrefix(entry.tag))) counted.open += 1;
    if (createdAt > counted.newest) Object.assign(counted, { name: entry.tag, newest: createdAt });
    byKey.set(key, counted);
  }
  return [...byKey.values()];
}
