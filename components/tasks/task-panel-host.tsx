'use client';

import { useSearchParams } from 'next/navigation';
import { lazy, Suspense, useCallback } from 'react';
import type { TaskFilters } from '@/lib/query/task-filters';
import { taskOpenId } from './focus';

// Loaded on first open: the list never pays for the panel's code.
const TaskPanel = lazy(() => import('./task-panel').then((module) => ({ default: module.TaskPanel })));

const TASK_PARAM = 'task';

function withTaskParam(taskId: string | null): string {
  const params = new URLSearchParams(window.location.search);
  if (taskId) params.set(TASK_PARAM, taskId);
  else params.delete(TASK_PARAM);
  const query = params.toString();
  return `${window.location.pathname}${query ? `?${query}` : ''}`;
}

/**
 * The open task lives in the URL (`?task=<id>` on the current view), so a reload or a shared link
 * opens it again. The browser's own history API keeps it client-side: Next's router reads it
 * without asking the server for the page again.
 */
export function useOpenTask() {
  const openId = useSearchParams().get(TASK_PARAM);
  const open = useCallback((taskId: string) => window.history.pushState(null, '', withTaskParam(taskId)), []);
  const close = useCallback(() => {
    const closing = new URLSearchParams(window.location.search).get(TASK_PARAM);
    window.history.replaceState(null, '', withTaskParam(null));
    // Back where the person was: the row that opened the panel.
    if (closing) requestAnimationFrame(() => document.getElementById(taskOpenId(closing))?.focus());
  }, []);
  return { openId, open, close };
}

export function TaskPanelHost({ openId, filters, onClose }: { readonly openId: string | null; readonly filters: TaskFilters; readonly onClose: () => void }) {
  if (!openId) return null;
  return (
    <Suspense fallback={null}>
      <TaskPanel key={openId} taskId={openId} filters={filters} onClose={onClose} />
    </Suspense>
  );
}
