'use client';

import { useEffect, useRef, type RefObject } from 'react';
import { isShortcutEvent } from '@/lib/client/keyboard';
import { taskCheckboxId, taskOpenId } from './focus';

type RowKeyActions = {
  readonly onOpen: (taskId: string) => void;
  readonly onDelete: (taskId: string) => void;
  /** Absent where the order is not manual: Alt+↑/↓ then does nothing. */
  readonly onMove?: (taskId: string, direction: 'up' | 'down') => void;
};

function rowIds(container: HTMLElement): string[] {
  return Array.from(container.querySelectorAll<HTMLElement>('li[data-task-id]')).flatMap((row) => (row.dataset.taskId ? [row.dataset.taskId] : []));
}

function focusedRowId(container: HTMLElement): string | null {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || !container.contains(active)) return null;
  return active.closest<HTMLElement>('li[data-task-id]')?.dataset.taskId ?? null;
}

/**
 * The rows' keys, under the one shortcut rule (lib/client/keyboard.ts): `j`/`k` move between rows,
 * `x` completes, `e` or Enter opens, Delete deletes (with undo), Alt+↑/↓ moves in manual order.
 */
export function useRowKeys(containerRef: RefObject<HTMLElement | null>, actions: RowKeyActions): void {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const container = containerRef.current;
      if (!container || !isShortcutEvent(event, { allowAlt: true })) return;
      const current = focusedRowId(container);
      if (event.altKey) {
        if (!current || !latest.current.onMove || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
        event.preventDefault();
        latest.current.onMove(current, event.key === 'ArrowUp' ? 'up' : 'down');
        return;
      }
      if (event.key === 'j' || event.key === 'k') {
        const ids = rowIds(container);
        const index = current ? ids.indexOf(current) : -1;
        const next = event.key === 'j' ? ids[Math.min(index + 1, ids.length - 1)] : ids[Math.max(index - 1, 0)];
        if (!next) return;
        event.preventDefault();
        document.getElementById(taskOpenId(next))?.focus();
        return;
      }
      if (!current) return;
      if (event.key === 'x') {
        event.preventDefault();
        document.getElementById(taskCheckboxId(current))?.click();
      } else if (event.key === 'e' || (event.key === 'Enter' && document.activeElement?.id === taskCheckboxId(current))) {
        event.preventDefault();
        latest.current.onOpen(current);
      } else if (event.key === 'Delete') {
        event.preventDefault();
        latest.current.onDelete(current);
      }
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [containerRef]);
}
