import type { NewTask, TaskChanges } from '@/lib/client/tasks-api';
import type { Task } from '@/lib/tasks/schema';

/** A change made while the server could not be reached, waiting in the outbox (IndexedDB) in order. */
export type OutboxEntry =
  /** `task` is what the person sees meanwhile (its id an offline one, lib/offline/outbox-state.ts). */
  | { readonly seq?: number; readonly kind: 'create'; readonly task: Task; readonly input: NewTask; readonly idempotencyKey: string }
  /** `base` is the task as the person saw it: the version sent as If-Match and the base of a merge. */
  | { readonly seq?: number; readonly kind: 'update'; readonly taskId: string; readonly base: Task; readonly changes: TaskChanges }
  | { readonly seq?: number; readonly kind: 'delete'; readonly taskId: string };
