/** Shared by the activity tests: reading a person's activity and waiting for the pipeline to deliver. */
import type { Session } from './client';

export type ActivityEntry = {
  id: string;
  type: string;
  taskId: string;
  version: number;
  at: string;
  title: string;
  changes: Record<string, { from: unknown; to: unknown }> | null;
  attachment: { id: string; fileName: string; labels?: string[] } | null;
};
export type ActivityPage = { items: ActivityEntry[]; nextCursor: string | null };

/** Every entry of the list (all pages), newest first. */
export async function allActivity(session: Session, taskId?: string, limit = 100): Promise<ActivityEntry[]> {
  const entries: ActivityEntry[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ limit: String(limit) });
    if (taskId) params.set('taskId', taskId);
    if (cursor) params.set('cursor', cursor);
    const response = await session.request<ActivityPage>(`/api/activity?${params.toString()}`);
    if (response.status !== 200) throw new Error(`GET /api/activity: ${response.status} ${response.text}`);
    entries.push(...response.body.items);
    cursor = response.body.nextCursor;
  } while (cursor);
  return entries;
}

/** Polls until `done` holds for the activity list, or fails with what was there at the deadline. */
export async function waitForActivity(
  session: Session,
  done: (entries: ActivityEntry[]) => boolean,
  options: { taskId?: string; withinMs?: number } = {},
): Promise<ActivityEntry[]> {
  const deadline = Date.now() + (options.withinMs ?? 10_000);
  for (;;) {
    const entries = await allActivity(session, options.taskId);
    if (done(entries)) return entries;
    if (Date.now() > deadline) {
      throw new Error(`activity did not arrive in time; it holds: ${JSON.stringify(entries.map((e) => [e.type, e.title]))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export type Task = { id: string; title: string; version: number; completed: boolean };

export async function createTask(session: Session, title: string): Promise<Task> {
  const response = await session.request<Task>('/api/tasks', { json: { title } });
  if (response.status !== 201) throw new Error(`create task: ${response.status} ${response.text}`);
  return response.body;
}
