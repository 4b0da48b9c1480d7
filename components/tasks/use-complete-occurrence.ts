'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { completeOccurrenceMutation } from '@/lib/query/task-occurrences';
import type { Task } from '@/lib/tasks/schema';
import { useTaskWorkspace } from './task-workspace';
import { updateFailureMessage } from './use-update-task';

/**
 * Completing a recurring task (checkbox or `x`): the row stays and takes the next due date the
 * server answers with, and a toast offers the undo. Plain tasks keep the optimistic toggle.
 */
export function useCompleteOccurrence(taskId: string, onFailure: (message: string) => void) {
  const queryClient = useQueryClient();
  const { offerOccurrenceUndo } = useTaskWorkspace();
  const base = useMemo(() => completeOccurrenceMutation(queryClient, taskId), [queryClient, taskId]);
  const mutation = useMutation({
    ...base,
    onSuccess: (saved, variables, result, context) => {
      base.onSuccess?.(saved, variables, result, context);
      offerOccurrenceUndo(variables.task, saved);
    },
    onError: (error, variables, result, context) => {
      void base.onError?.(error, variables, result, context);
      onFailure(updateFailureMessage(error, { task: variables.task, changes: { completed: true } }));
    },
  });
  return {
    /** Whether checking this task completes an occurrence rather than the task. */
    appliesTo: (task: Task) => task.recurrence !== null && !task.completed,
    complete: (task: Task) => mutation.mutate({ task }),
    pending: mutation.isPending,
  };
}
