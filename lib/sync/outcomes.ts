import type { Task } from '../tasks/schema';

/**
 * What one sync page says about each task it came across: the newest state seen wins, and a live task
 * wins a tie with a deletion of the same version (a move seen from the list it left and the one it
 * reached is one write). So no id is both in `tasks` and in `deletedTaskIds`.
 */
export class TaskOutcomes {
  private readonly byId = new Map<string, { readonly version: number; readonly task: Task | null }>();

  deliver(task: Task): void {
    this.set(task.id, task.version, task);
  }

  remove(taskId: string, version: number): void {
    this.set(taskId, version, null);
  }

  private set(taskId: string, version: number, task: Task | null): void {
    const held = this.byId.get(taskId);
    if (!held || version > held.version || (version === held.version && task !== null && held.task === null)) {
      this.byId.set(taskId, { version, task });
    }
  }

  tasks(): Task[] {
    return [...this.byId.values()].flatMap(({ task }) => (task ? [task] : []));
  }

  deletedIds(): string[] {
    return [...this.byId].flatMap(([id, { task }]) => (task ? [] : [id]));
  }
}
