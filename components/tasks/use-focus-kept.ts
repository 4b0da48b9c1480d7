'use client';

import { useEffect, useMemo, useRef, type FocusEvent } from 'react';
import { focusTaskOrNewTitle } from './focus';

/**
 * When the focused task disappears (completed under "Open", deleted, edited out of a search), focus
 * would fall to the page; move it to the task that took its place instead.
 */
export function useFocusKeptInList(ids: readonly string[]) {
  const focusedId = useRef<string | null>(null);
  const previousIds = useRef<readonly string[]>(ids);

  useEffect(() => {
    const lost = focusedId.current;
    const before = previousIds.current;
    previousIds.current = ids;
    if (!lost || ids.includes(lost)) return;
    const active = document.activeElement;
    if (active && active !== document.body) return;
    const index = before.indexOf(lost);
    const after = before.slice(index + 1).find((id) => ids.includes(id));
    const earlier = before.slice(0, Math.max(index, 0)).reverse().find((id) => ids.includes(id));
    const next = after ?? earlier ?? null;
    focusedId.current = next;
    focusTaskOrNewTitle(next);
  }, [ids]);

  return useMemo(
    () => ({
      onFocus: (event: FocusEvent<HTMLElement>) => {
        const item = event.target.closest<HTMLElement>('[data-task-id]');
        focusedId.current = item?.dataset.taskId ?? null;
      },
      onBlur: (event: FocusEvent<HTMLElement>) => {
        const next = event.relatedTarget;
        if (next instanceof Node && !event.currentTarget.contains(next)) focusedId.current = null;
      },
    }),
    [],
  );
}
