/** Where a reminder leads: its task's details over All tasks. */
export const taskHref = (taskId: string) => `/?task=${encodeURIComponent(taskId)}`;
