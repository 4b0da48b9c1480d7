/** Element ids shared by the task components, and the focus moves that need them. */

export const NEW_TASK_TITLE_ID = 'new-task-title';

export function taskCheckboxId(taskId: string): string {
  return `task-${taskId}-done`;
}

export function focusNewTaskTitle(): void {
  document.getElementById(NEW_TASK_TITLE_ID)?.focus();
}

/** Focuses a task's checkbox, or the new-task title when that task is not on screen. */
export function focusTaskOrNewTitle(taskId: string | null): void {
  const checkbox = taskId ? document.getElementById(taskCheckboxId(taskId)) : null;
  if (checkbox) checkbox.focus();
  else focusNewTaskTitle();
}

/** The task search field (task-browser.tsx); `/` anywhere focuses it (components/shortcuts). */
export const TASK_SEARCH_ID = 'task-search';
