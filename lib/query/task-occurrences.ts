import { mutationOptions, type QueryClient } from '@tanstack/react-query';
import { patchTask, postTaskSkip } from '@/lib/client/tasks-api';
import type { Task } from '@/lib/tasks/schema';
import { cachedTask, invalidateListsWhenIdle, replaceCachedTask, TASK_MUTATION_KEY } from './task-cache';
import { adoptAfterRefusal, taskScope } from './task-mutations';
import { taskKeys } from './task-queries';

/**
 * Completing and skipping an occurrence of a recurring task. Only the server knows the next date, so
 * neither is optimistic: the row stays as it is until the answer moves it. Both share the task's
 * update scope and send If-Match, so a double click completes one occurrence, not two (SPEC §6.2).
 */

export type OccurrenceVariables = {
  /** The task as the person saw it: the undo puts its due date and rule back. */
  readonly task: Task;
};

function occurrenceMutation(queryClient: QueryClient, taskId: string, kind: 'complete' | 'skip', send: (task: Task, version: number) => Promise<Task>) {
  return mutationOptions({
    mutationKey: [...TASK_MUTATION_KEY, kind],
    scope: { id: taskScope(taskId) },
    mutationFn: ({ task }: OccurrenceVariables) => send(task, cachedTask(queryClient, task.id)?.version ?? task.version),
    // A read of the task still on its way would answer with the occurrence before this one.
    onMutate: ({ task }: OccurrenceVariables) => queryClient.cancelQueries({ queryKey: taskKeys.detail(task.id) }),
    onSuccess: (saved: Task) => replaceCachedTask(queryClient, saved.id, saved),
    onError: (error: Error, { task }: OccurrenceVariables) => adoptAfterRefusal(queryClient, task.id, error),
    onSettled: () => invalidateListsWhenIdle(queryClient),
  });
}

/** Completes the current occurrence: the answer is the task moved to the next one, or completed for good. */
export function completeOccurrenceMutation(queryClient: QueryClient, taskId: string) {
  return occurrenceMutation(queryClient, taskId, 'complete', (task, version) => patchTask(task.id, { completed: true }, version));
}

/** Moves the task to its next occurrence without completing anything. */
export function skipOccurrenceMutation(queryClient: QueryClient, taskId: string) {
  return occurrenceMutation(queryClient, taskId, 'skip', (task, version) => postTaskSkip(task.id, version));
}
