import 'server-only';
import { TODOS_INDEX } from '../data/tables';
import { visibleMemberships } from '../lists/service';
import { readIndex } from '../tasks/repository';
import type { Task } from '../tasks/schema';
import { EXPORT_FORMAT, EXPORT_NOTE, EXPORT_VERSION, type ExportDocument, type ExportedList, type ExportedTask } from './model';

/**
 * GET /api/export: every list the caller owns (the Inbox and shared lists they own), with all their
 * tasks, open and done. Lists others own and shared with the caller are theirs to export, not the
 * caller's. Tasks are read a page at a time through each list's ListTasksIndex: no Scan, and reads in
 * proportion to what is exported.
 */

const PAGE = 100;
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function tasksOfList(listId: string): Promise<Task[]> {
  const tasks: Task[] = [];
  let afterKey: string | null = null;
  do {
    const chunk = await readIndex({ index: TODOS_INDEX.listTasks, rangeKey: 'list_created', listId, descending: false, afterKey }, PAGE);
    tasks.push(...chunk.items);
    afterKey = chunk.frontier;
  } while (afterKey !== null);
  return tasks;
}

function exportedTask(task: Task): ExportedTask {
  return {
    title: task.title,
    description: task.description,
    priority: task.priority,
    dueDate: task.dueDate,
    dueTime: task.dueTime,
    tags: task.tags,
    subtasks: task.subtasks.map(({ title, completed }) => ({ title, completed })),
    recurrence: task.recurrence,
    position: task.position,
    completed: task.completed,
    completedAt: task.completedAt,
    createdAt: task.createdAt,
  };
}

export async function exportForUser(userId: string, now: Date = new Date()): Promise<ExportDocument> {
  const owned = (await visibleMemberships(userId)).filter(({ member }) => member.role === 'owner');
  const lists: ExportedList[] = [];
  for (const { list, member } of owned) {
    const tasks = (await tasksOfList(list.list_id)).sort((a, b) => byKey(a.position, b.position) || byKey(a.createdAt, b.createdAt));
    lists.push({ name: list.name, color: list.color ?? null, position: member.position, inbox: list.inbox, tasks: tasks.map(exportedTask) });
  }
  lists.sort((a, b) => Number(b.inbox) - Number(a.inbox) || byKey(a.position, b.position));
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: now.toISOString(), note: EXPORT_NOTE, lists };
}
