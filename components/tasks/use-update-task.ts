'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { ApiError } from '@/lib/client/api';
import { isConflict, isNotFound, updateTaskMutation, type UpdateTaskVariables } from '@/lib/query/task-mutations';

/** What went wrong with a change, in words: a 412 says another tab or device changed the task first. */
export function updateFailureMessage(error: Error, { task, changes }: UpdateTaskVariables): string {
  const marking = Object.keys(changes).length === 1 && changes.completed !== undefined;
  const marked = changes.completed ? 'marked done' : 'marked not done';
  if (isConflict(error)) {
    const lost = marking ? `it was not ${marked}` : 'your change was not saved';
    return `“${task.title}” was changed in another tab or device, so ${lost}. The latest version is shown.`;
  }
  if (isNotFound(error)) return `“${task.title}” no longer exists; it was deleted elsewhere.`;
  const detail = error instanceof ApiError ? error.detail : 'Try again in a moment.';
  return marking ? `“${task.title}” could not be ${marked}. ${detail}` : `Your change to “${task.title}” was not saved. ${detail}`;
}

/** Optimistic, conditional (If-Match) updates of one task; a refusal rolls back and is reported. */
export function useUpdateTask(taskId: string, onFailure: (message: string) => void) {
  const queryClient = useQueryClient();
  const base = useMemo(() => updateTaskMutation(queryClient, taskId), [queryClient, taskId]);
  return useMutation({
    ...base,
    onError: (error, variables, result, context) => {
      void base.onError?.(error, variables, result, context);
      onFailure(updateFailureMessage(error, variables));
    },
  });
}
