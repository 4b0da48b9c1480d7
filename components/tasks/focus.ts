/** Element ids shared by the task components, and the focus moves that need them. */

export const NEW_TASK_TITLE_ID = 'new-task-title';
export const QUICK_ADD_ID = 'quick-add';

export function taskCheckboxId(taskId: string): string {
  return `task-${taskId}-done`;
}

/** The row's second Tab stop: the button that opens the task's details. */
export function taskOpenId(taskId: string): string {
  return `task-${taskId}-open`;
}

/** Where a new task is typed: quick add, or the full form's title when quick add is not on the page. */
export function focusNewTaskTitle(): void {
  (document.getElementById(QUICK_ADD_ID) ?? document.getElementById(NEW_TASK_TITLE_ID))?.focus();
}

/** Focuses a task's row (its open button), or where a new task is typed when that task is not on screen. */
export function focusTaskOrNewTitle(taskId: string | null): void {
  const row = taskId ? document.getElementById(taskOpenId(taskId)) : null;
  if (row) row.focus();
  else focusNewTaskTitle();
}

/** The task search field (task-browser.tsx); `/` anywhere focuses it (components/shortcuts). */
export const TASK_SEARCH_ID = 'task-search';
