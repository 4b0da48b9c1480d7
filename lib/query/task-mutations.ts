import { mutationOptions, type QueryClient } from '@tanstack/react-query';
import { ApiError } from '@/lib/client/api';
import type { NewTask, TaskChanges } from '@/lib/client/tasks-api';
import { createOrQueue, deleteOrQueue, updateOrQueue } from '@/lib/offline/send-or-queue';
import type { Subtask, Task } from '@/lib/tasks/schema';
import {
  addCachedTask,
  cachedTask,
  invalidateListsWhenIdle,
  removeCachedTask,
  replaceCachedTask,
  restoreLists,
  snapshotLists,
  TASK_MUTATION_KEY,
} from './task-cache';
import { taskDetailOptions, taskKeys } from './task-queries';

/** Optimistic task mutations: snapshot in onMutate, roll back on error, invalidate when settled. */

let temporaryIds = 0;

/** Tasks shown before the server has answered carry an id the server never issues. */
export function isUnsavedTask(task: Pick<Task, 'id'>): boolean {
  return task.id.startsWith('unsaved-');
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 412;
}

/** After a 404 the task leaves the cache; after a 412 the server's version replaces ours. */
export async function adoptAfterRefusal(queryClient: QueryClient, taskId: string, error: unknown): Promise<void> {
  if (isNotFound(error)) removeCachedTask(queryClient, taskId);
  if (isConflict(error)) {
    const fresh = await queryClient.fetchQuery(taskDetailOptions(taskId)).catch(() => undefined);
    if (fresh) replaceCachedTask(queryClient, taskId, fresh);
  }
}

/** What a new task looks like before the server has answered (here, or in the offline outbox). */
export function optimisticNewTask(input: NewTask, id: string): Task {
  const now = new Date().toISOString();
  return {
    id,
    ...input,
    // Filled in by the server's answer; the list view shows the task at once meanwhile.
    listId: input.listId ?? '',
    dueTime: input.dueTime ?? null,
    tags: input.tags ?? [],
    subtasks: [],
    recurrence: input.recurrence ?? null,
    // After every real key ("~" sorts last), so a manual list shows it at the bottom, where the server puts it.
    position: '~',
    completedAt: null,
    createdBy: '',
    completed: false,
    createdAt: now,
    updatedAt: now,
    version: 0,
    attachments: [],
  };
}

export function createTaskMutation(queryClient: QueryClient) {
  return mutationOptions({
    mutationKey: [...TASK_MUTATION_KEY, 'create'],
    // Offline the change is kept in the outbox instead of waiting in memory (networkMode below).
    networkMode: 'always',
    mutationFn: createOrQueue,
    onMutate: async (input: NewTask) => {
      await queryClient.cancelQueries({ queryKey: taskKeys.lists() });
      const snapshot = snapshotLists(queryClient);
      temporaryIds += 1;
      const optimistic = optimisticNewTask(input, `unsaved-${temporaryIds}`);
      addCachedTask(queryClient, optimistic);
      return { snapshot, optimisticId: optimistic.id };
    },
    onSuccess: (task, _input, context) => replaceCachedTask(queryClient, context.optimisticId, task),
    onError: (_error, _input, context) => {
      if (context) restoreLists(queryClient, context.snapshot);
    },
    onSettled: () => invalidateListsWhenIdle(queryClient),
  });
}

export type UpdateTaskVariables = {
  /** The task as the person saw it when they changed it. */
  readonly task: Task;
  readonly changes: TaskChanges;
};

const UNSAVED_SUBTASK = 'unsaved-subtask-';

/** What the cache shows for a change before the server answers (new subtasks get a stand-in id). */
function optimisticTask(current: Task, changes: TaskChanges): Task {
  const { subtasks, ...rest } = changes;
  const shownSubtasks: readonly Subtask[] | undefined = subtasks?.map((subtask, index) => ({ ...subtask, id: subtask.id ?? `${UNSAVED_SUBTASK}${index}` }));
  return { ...current, ...rest, ...(shownSubtasks ? { subtasks: shownSubtasks } : {}) };
}

/**
 * What is sent: a subtask still showing its stand-in id (added while an earlier save was on its way)
 * goes without one, and the server gives it its own.
 */
function sendableChanges(changes: TaskChanges): TaskChanges {
  if (!changes.subtasks) return changes;
  return { ...changes, subtasks: changes.subtasks.map(({ id, ...rest }) => (id && !id.startsWith(UNSAVED_SUBTASK) ? { id, ...rest } : rest)) };
}

/** The mutation scope of one task: its updates, completions and skips run one after another. */
export const taskScope = (taskId: string) => `task:${taskId}`;

/**
 * Updates of one task run one after another (scope), each sending If-Match with the newest version
 * the cache knows, so quick successive edits in this tab never conflict with each other.
 * A 412 or 404 means another tab or device got there first: the fresh task (or its absence) replaces ours.
 */
export function updateTaskMutation(queryClient: QueryClient, taskId: string) {
  const scope = taskScope(taskId);
  return mutationOptions({
    mutationKey: [...TASK_MUTATION_KEY, 'update'],
    scope: { id: scope },
    networkMode: 'always',
    mutationFn: ({ task, changes }: UpdateTaskVariables) =>
      updateOrQueue({ ...task, version: cachedTask(queryClient, task.id)?.version ?? task.version }, sendableChanges(changes), () => cachedTask(queryClient, task.id)),
    onMutate: async ({ task, changes }: UpdateTaskVariables) => {
      // The panel's own read of the task too: answering after this change, it would show the task without it.
      await Promise.all([queryClient.cancelQueries({ queryKey: taskKeys.lists() }), queryClient.cancelQueries({ queryKey: taskKeys.detail(task.id) })]);
      const snapshot = snapshotLists(queryClient);
      const detail = queryClient.getQueryData<Task>(taskKeys.detail(task.id));
      const current = cachedTask(queryClient, task.id) ?? task;
      replaceCachedTask(queryClient, task.id, optimisticTask(current, changes));
      return { snapshot, detail };
    },
    onSuccess: (saved, { task, changes }) => {
      const current = cachedTask(queryClient, task.id);
      if (!current || saved.version <= current.version) return;
      // Subtasks take the server's ids, unless a later change of this task waits in the scope: its
      // optimistic subtasks are what the person sees (and what it sends); other fields stay as shown.
      const later = queryClient.getMutationCache().findAll({ predicate: (mutation) => mutation.options.scope?.id === scope && mutation.state.status === 'pending' });
      const adoptSubtasks = changes.subtasks !== undefined && later.length <= 1;
      replaceCachedTask(queryClient, task.id, { ...current, version: saved.version, updatedAt: saved.updatedAt, ...(adoptSubtasks ? { subtasks: saved.subtasks } : {}) });
    },
    onError: async (error, { task }, context) => {
      if (context) {
        restoreLists(queryClient, context.snapshot);
        if (context.detail) queryClient.setQueryData(taskKeys.detail(task.id), context.detail);
      }
      await adoptAfterRefusal(queryClient, task.id, error);
    },
    onSettled: () => invalidateListsWhenIdle(queryClient),
  });
}

type DeleteHooks = {
  /** The task has left the cache (it is gone from every list). */
  readonly onRemoved?: (task: Task) => void;
};

/** Runs when the undo window has passed: the task is already hidden, now it leaves the cache too. */
export function deleteTaskMutation(queryClient: QueryClient, { onRemoved }: DeleteHooks = {}) {
  return mutationOptions({
    mutationKey: [...TASK_MUTATION_KEY, 'delete'],
    networkMode: 'always',
    mutationFn: (task: Task) => deleteOrQueue(task.id),
    onMutate: async (task: Task) => {
      await queryClient.cancelQueries({ queryKey: taskKeys.lists() });
      const snapshot = snapshotLists(queryClient);
      removeCachedTask(queryClient, task.id);
      onRemoved?.(task);
      return { snapshot };
    },
    onError: (error, _task, context) => {
      // Already gone (deleted elsewhere) is what we wanted; anything else puts the task back.
      if (context && !isNotFound(error)) restoreLists(queryClient, context.snapshot);
    },
    onSettled: () => invalidateListsWhenIdle(queryClient),
  });
}
