'use client';

import { useCallback } from 'react';
import type { Task } from '@/lib/tasks/schema';
import { positionForMove, stepIndex } from './task-order';
import { useTaskWorkspace } from './task-workspace';
import { useUpdateTask } from './use-update-task';

/** Moves in manual order: one PATCH of the moved task's position, between its new neighbours. */
export function useTaskMoves(tasks: readonly Task[]) {
  const { announce, reportError } = useTaskWorkspace();
  // One scope for every move of this list: they run in order, each with the newest version known.
  const update = useUpdateTask('manual-order', reportError);
  const { mutate } = update;

  const moveTo = useCallback(
    (taskId: string, to: number) => {
      const from = tasks.findIndex((task) => task.id === taskId);
      const task = tasks[from];
      const position = positionForMove(tasks.map((item) => item.position), from, to);
      if (!task || position === null) return false;
      mutate({ task, changes: { position } });
      announce(`Moved “${task.title}” to position ${to + 1} of ${tasks.length}.`);
      return true;
    },
    [tasks, mutate, announce],
  );

  const step = useCallback(
    (taskId: string, direction: 'up' | 'down') => {
      const from = tasks.findIndex((task) => task.id === taskId);
      const to = stepIndex(from, tasks.length, direction);
      if (to !== null) moveTo(taskId, to);
    },
    [tasks, moveTo],
  );

  return { moveTo, step };
}
