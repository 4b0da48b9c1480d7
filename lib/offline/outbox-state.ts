/**
 * The little the first paint needs to know about the outbox, without loading it (or IndexedDB): whose
 * it is, how many changes wait, and the conflict waiting for the person's choice. The outbox module
 * itself (lib/offline/outbox.ts) is loaded only when a change has to wait or be replayed.
 */
import type { FieldConflict, ChangedField } from './merge';

export type ConflictChoice = Readonly<Partial<Record<ChangedField, 'mine' | 'theirs'>>>;

export type PendingConflict = {
  readonly taskTitle: string;
  readonly conflicts: readonly FieldConflict[];
  readonly decide: (choice: ConflictChoice) => void;
};

type OutboxState = { readonly owner: string | null; readonly waiting: number; readonly conflict: PendingConflict | null };

let state: OutboxState = { owner: null, waiting: 0, conflict: null };
const listeners = new Set<() => void>();

function update(next: Partial<OutboxState>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

export const outboxState = () => state;
export const subscribeOutbox = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The signed-in person on this tab (the outbox is per person, like the rest of the device's copy). */
export const setOutboxOwner = (owner: string) => update({ owner });
export const setWaiting = (waiting: number) => update({ waiting });
export const setConflict = (conflict: PendingConflict | null) => update({ conflict });

/** Ids the device gives tasks created offline, until the server gives them theirs. */
export const OFFLINE_ID_PREFIX = 'offline-';
export const isOfflineTaskId = (id: string) => id.startsWith(OFFLINE_ID_PREFIX);

/**
 * A change goes through the outbox when the device is offline, when earlier changes still wait (they
 * go first: order is kept) or when it is about a task the server does not know yet.
 */
export function mustQueue(taskId?: string): boolean {
  if (!state.owner) return false;
  return (typeof navigator !== 'undefined' && !navigator.onLine) || state.waiting > 0 || (taskId !== undefined && isOfflineTaskId(taskId));
}
