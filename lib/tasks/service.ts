import 'server-only';
import { randomUUID } from 'node:crypto';
import { deleteObjectsUnder, taskPrefix } from '../attachments/storage';
import { NotFoundError, PreconditionFailedError } from '../errors';
import { taskChanged, taskCreated, taskDeleted } from '../events/build';
import { publishEvents } from '../events/publisher';
import { decodeCursor, encodeCursor, filtersKey } from '../cursor';
import * as repository from './repository';
import { TaskNotFoundError, VersionConflictError } from './repository';
import type { CreateTaskInput, ListTasksQuery, Task, UpdateTaskInput } from './schema';

/** Task rules: ownership (every call is keyed by the verified user id), versions and preconditions. */

const MAX_UNCONDITIONAL_RETRIES = 3;

export async function createTaskForUser(userId: string, input: CreateTaskInput): Promise<Task> {
  const now = new Date().toISOString();
  const task = await repository.insertTask(userId, {
    id: randomUUID(),
    title: input.title,
    description: input.description,
    completed: false,
    priority: input.priority,
    dueDate: input.dueDate,
    createdAt: now,
    updatedAt: now,
    version: 1,
    attachments: [],
  });
  await publishEvents(taskCreated(userId, task));
  return task;
}

export async function getTaskForUser(userId: string, taskId: string): Promise<Task> {
  const task = await repository.findTask(userId, taskId);
  if (!task) throw new NotFoundError('There is no such task.');
  return task;
}

/**
 * Applies a partial update. With If-Match the stored version must equal it (else 412); without,
 * the update still lands atomically on the version it read, retrying if another write slipped in.
 */
export async function updateTaskForUser(
  userId: string,
  taskId: string,
  patch: UpdateTaskInput,
  ifMatchVersion: number | undefined,
): Promise<Task> {
  for (let attempt = 0; ; attempt += 1) {
    const current = await getTaskForUser(userId, taskId);
    if (ifMatchVersion !== undefined && ifMatchVersion !== current.version) throw new PreconditionFailedError();
    const title = patch.title ?? current.title;
    const description = patch.description === undefined ? current.description : patch.description;
    const changes: repository.TaskChanges = {
      ...patch,
      ...(patch.title !== undefined || patch.description !== undefined
        ? { searchText: repository.searchText(title, description) }
        : {}),
    };
    let updated: Task;
    try {
      updated = await repository.updateTask(userId, taskId, current.version, changes, new Date().toISOString());
    } catch (error) {
      if (error instanceof TaskNotFoundError) throw new NotFoundError('There is no such task.');
      if (!(error instanceof VersionConflictError)) throw error;
      if (ifMatchVersion !== undefined) {
        await getTaskForUser(userId, taskId);
        throw new PreconditionFailedError();
      }
      if (attempt + 1 >= MAX_UNCONDITIONAL_RETRIES) throw new PreconditionFailedError('The task is changing too fast; try again.');
      continue;
    }
    await publishEvents(taskChanged(userId, current, updated));
    return updated;
  }
}

export async function deleteTaskForUser(userId: string, taskId: string, ifMatchVersion: number | undefined): Promise<void> {
  let deleted: Task;
  for (let attempt = 0; ; attempt += 1) {
    const current = await getTaskForUser(userId, taskId);
    if (ifMatchVersion !== undefined && ifMatchVersion !== current.version) throw new PreconditionFailedError();
    try {
      await repository.deleteTask(userId, taskId, current.version);
      deleted = current;
      break;
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      if (ifMatchVersion !== undefined || attempt + 1 >= MAX_UNCONDITIONAL_RETRIES) {
        await getTaskForUser(userId, taskId);
        throw new PreconditionFailedError();
      }
    }
  }
  await deleteObjectsUnder(taskPrefix(userId, taskId));
  await publishEvents(taskDeleted(userId, deleted));
}

export type TaskListPage = { readonly items: Task[]; readonly nextCursor: string | null };

export async function listTasksForUser(userId: string, query: ListTasksQuery): Promise<TaskListPage> {
  const filters = { status: query.status, q: query.q, label: query.label };
  const key = filtersKey(filters);
  const after = query.cursor ? decodeCursor(query.cursor, userId, `tasks:${key}`, 2) : null;
  const page = await repository.listTasks(userId, filters, query.limit, after && { todoId: after[0]!, createdAt: after[1]! });
  const last = page.last && encodeCursor([page.last.todoId, page.last.createdAt], userId, `tasks:${key}`);
  return { items: page.items, nextCursor: last };
}
