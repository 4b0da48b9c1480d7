'use client';

import { useMemo } from 'react';
import type { TaskPage } from '@/lib/client/task-guards';
import type { Task } from '@/lib/tasks/schema';
import { useHiddenTaskIds } from './task-workspace';

/** The tasks of a list's loaded pages, once each, less those deleted and waiting for their undo window. */
export function useVisibleTasks(data: { readonly pages: readonly TaskPage[] } | undefined): Task[] {
  const hiddenIds = useHiddenTaskIds();
  return useMemo(() => {
    const seen = new Set<string>();
    const visible: Task[] = [];
    for (const task of data?.pages.flatMap((page) => page.items) ?? []) {
      if (seen.has(task.id) || hiddenIds.has(task.id)) continue;
      seen.add(task.id);
      visible.push(task);
    }
    return visible;
  }, [data, hiddenIds]);
}
