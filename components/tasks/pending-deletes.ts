import type { Task } from '@/lib/tasks/schema';

export type PendingDelete = {
  readonly task: Task;
  /** `undoable` shows the Undo toast; `deleting` waits for the server while the task stays hidden. */
  readonly phase: 'undoable' | 'deleting';
  readonly focusUndo: boolean;
  /** Where focus goes if the toast had it when it closes. */
  readonly neighborId: string | null;
};

type Clock = { timer: number | null; deadline: number; remaining: number };

/**
 * Deleted tasks during their undo window, each with its own countdown that can pause (while hovered)
 * and resume. A tiny external store: React reads it with useSyncExternalStore.
 */
export class PendingDeletes {
  #entries: ReadonlyMap<string, PendingDelete> = new Map();
  readonly #clocks = new Map<string, Clock>();
  readonly #listeners = new Set<() => void>();
  #onExpire: (taskId: string) => void = () => undefined;

  /** What to do when a task's undo window runs out. */
  handleExpiry(onExpire: (taskId: string) => void): void {
    this.#onExpire = onExpire;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly snapshot = (): ReadonlyMap<string, PendingDelete> => this.#entries;

  get(taskId: string): PendingDelete | undefined {
    return this.#entries.get(taskId);
  }

  /** Starts the undo window of a task; false when it is already pending. */
  start(entry: PendingDelete, windowMs: number): boolean {
    if (this.#entries.has(entry.task.id)) return false;
    this.#write((map) => map.set(entry.task.id, entry));
    this.#startClock(entry.task.id, windowMs);
    return true;
  }

  /** Ends the undo window early: the task stays hidden while the server deletes it. */
  markDeleting(taskId: string): void {
    this.#stopClock(taskId);
    const entry = this.#entries.get(taskId);
    if (entry) this.#write((map) => map.set(taskId, { ...entry, phase: 'deleting' }));
  }

  remove(taskId: string): void {
    this.#stopClock(taskId);
    if (this.#entries.has(taskId)) this.#write((map) => map.delete(taskId));
  }

  /** Every task still inside its undo window, with its clock stopped. */
  takeUndoable(): PendingDelete[] {
    const undoable = [...this.#entries.values()].filter((entry) => entry.phase === 'undoable');
    for (const entry of undoable) this.#stopClock(entry.task.id);
    if (undoable.length > 0) this.#write((map) => undoable.forEach((entry) => map.delete(entry.task.id)));
    return undoable;
  }

  pause(taskId: string): void {
    const clock = this.#clocks.get(taskId);
    if (!clock || clock.timer === null) return;
    window.clearTimeout(clock.timer);
    this.#clocks.set(taskId, { timer: null, deadline: clock.deadline, remaining: Math.max(0, clock.deadline - Date.now()) });
  }

  /** Restarts a paused clock, leaving at least a moment to reach Undo again. */
  resume(taskId: string, minimumMs: number): void {
    const clock = this.#clocks.get(taskId);
    if (!clock || clock.timer !== null) return;
    this.#startClock(taskId, Math.max(clock.remaining, minimumMs));
  }

  #startClock(taskId: string, delay: number): void {
    const timer = window.setTimeout(() => {
      this.#clocks.delete(taskId);
      this.#onExpire(taskId);
    }, delay);
    this.#clocks.set(taskId, { timer, deadline: Date.now() + delay, remaining: delay });
  }

  #stopClock(taskId: string): void {
    const clock = this.#clocks.get(taskId);
    if (clock?.timer != null) window.clearTimeout(clock.timer);
    this.#clocks.delete(taskId);
  }

  #write(change: (map: Map<string, PendingDelete>) => void): void {
    const next = new Map(this.#entries);
    change(next);
    this.#entries = next;
    for (const listener of this.#listeners) listener();
  }
}
