/**
 * Writes tasks straight into DynamoDB through the app's own item builder (lib/tasks/item.ts), for the
 * scale test and the benchmark: thousands of tasks in seconds, stored exactly as the app stores them.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { taskItem } from '../lib/tasks/item';
import type { Task } from '../lib/tasks/schema';

const BATCH = 25;
const PARALLEL = 8;
const MAX_ATTEMPTS = 20;

export async function writeTasks(client: DynamoDBDocumentClient, table: string, tasks: readonly Task[]): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let start = 0; start < tasks.length; start += BATCH) batches.push(tasks.slice(start, start + BATCH).map(taskItem));
  const worker = async () => {
    for (let batch = batches.pop(); batch; batch = batches.pop()) {
      let requests = batch.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt += 1) {
        if (attempt >= MAX_ATTEMPTS) throw new Error(`BatchWrite left ${requests.length} items unprocessed ${MAX_ATTEMPTS} times`);
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
        const { UnprocessedItems } = await client.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
        requests = (UnprocessedItems?.[table] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}
