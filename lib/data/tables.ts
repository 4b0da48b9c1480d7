/**
 * Every DynamoDB table and index, declared once (docs/data-model.md explains them). infra/ turns these
 * into Terraform, scripts/provision.ts into CreateTable calls for the emulators, and the repositories
 * take their index names from here. Plain data: imported by the server, the worker, infra and scripts.
 */

export type AttributeType = 'S' | 'N';
export type Projection = { readonly type: 'ALL' } | { readonly type: 'KEYS_ONLY' } | { readonly type: 'INCLUDE'; readonly attributes: readonly string[] };

export type IndexDefinition = {
  readonly name: string;
  readonly hashKey: string;
  readonly rangeKey?: string;
  readonly projection: Projection;
};

export type TableDefinition = {
  readonly hashKey: string;
  readonly rangeKey?: string;
  /** Every key attribute of the table and its indexes, with its type. */
  readonly attributes: Readonly<Record<string, AttributeType>>;
  readonly indexes: readonly IndexDefinition[];
  /** DynamoDB deletes items once this epoch-seconds attribute has passed (the emulator ignores it). */
  readonly ttlAttribute?: string;
};

const ALL = { type: 'ALL' } as const;

export const TODOS_INDEX = {
  createdAt: 'CreatedAtIndex',
  taskId: 'TaskIdIndex',
  listTasks: 'ListTasksIndex',
  listOpen: 'ListOpenIndex',
  listManual: 'ListManualIndex',
  listDue: 'ListDueIndex',
  listPriority: 'ListPriorityIndex',
  listDone: 'ListDoneIndex',
  listChanges: 'ListChangesIndex',
  pendingEvents: 'PendingEventsIndex',
} as const;

export const LISTS_INDEX = { memberLists: 'MemberListsIndex', invitee: 'InviteeIndex' } as const;

export const ACTIVITY_INDEX = { task: 'TaskActivityIndex', list: 'ListActivityIndex' } as const;

export const REMINDERS_INDEX = { due: 'DueRemindersIndex', unread: 'UnreadNotificationsIndex' } as const;

/** Tasks (SPEC §3 key), with one sparse or per-list index per view. */
const todos: TableDefinition = {
  hashKey: 'user_id',
  rangeKey: 'todo_id',
  attributes: {
    user_id: 'S',
    todo_id: 'S',
    createdAt: 'S',
    list_id: 'S',
    list_created: 'S',
    open_created: 'S',
    open_position: 'S',
    open_due: 'S',
    open_priority: 'S',
    done_at: 'S',
    change_seq: 'S',
    pending_shard: 'S',
    pending_since: 'S',
  },
  indexes: [
    { name: TODOS_INDEX.createdAt, hashKey: 'user_id', rangeKey: 'createdAt', projection: ALL },
    { name: TODOS_INDEX.taskId, hashKey: 'todo_id', projection: { type: 'INCLUDE', attributes: ['list_id'] } },
    { name: TODOS_INDEX.listTasks, hashKey: 'list_id', rangeKey: 'list_created', projection: ALL },
    { name: TODOS_INDEX.listOpen, hashKey: 'list_id', rangeKey: 'open_created', projection: ALL },
    { name: TODOS_INDEX.listManual, hashKey: 'list_id', rangeKey: 'open_position', projection: ALL },
    { name: TODOS_INDEX.listDue, hashKey: 'list_id', rangeKey: 'open_due', projection: ALL },
    { name: TODOS_INDEX.listPriority, hashKey: 'list_id', rangeKey: 'open_priority', projection: ALL },
    { name: TODOS_INDEX.listDone, hashKey: 'list_id', rangeKey: 'done_at', projection: ALL },
    { name: TODOS_INDEX.listChanges, hashKey: 'list_id', rangeKey: 'change_seq', projection: ALL },
    // Sparse: only items whose events are not published yet (lib/events/pending.ts); the sweeper reads the item itself.
    { name: TODOS_INDEX.pendingEvents, hashKey: 'pending_shard', rangeKey: 'pending_since', projection: { type: 'KEYS_ONLY' } },
  ],
  ttlAttribute: 'expires_at',
};

/** Lists, their members and invitations, one partition per list. */
const lists: TableDefinition = {
  hashKey: 'pk',
  rangeKey: 'sk',
  attributes: { pk: 'S', sk: 'S', member_id: 'S', member_position: 'S', invitee_email: 'S', invited_at: 'S' },
  indexes: [
    { name: LISTS_INDEX.memberLists, hashKey: 'member_id', rangeKey: 'member_position', projection: ALL },
    { name: LISTS_INDEX.invitee, hashKey: 'invitee_email', rangeKey: 'invited_at', projection: ALL },
  ],
  ttlAttribute: 'expires_at',
};

/** The activity log: one item per event, per actor newest first, per task and per list through indexes. */
const activity: TableDefinition = {
  hashKey: 'user_id',
  rangeKey: 'sk',
  attributes: { user_id: 'S', sk: 'S', task_key: 'S', list_id: 'S' },
  indexes: [
    { name: ACTIVITY_INDEX.task, hashKey: 'task_key', rangeKey: 'sk', projection: ALL },
    { name: ACTIVITY_INDEX.list, hashKey: 'list_id', rangeKey: 'sk', projection: ALL },
  ],
  ttlAttribute: 'expires_at',
};

/**
 * Ended sessions (SPEC §6.4): per person, the time before which their access tokens no longer count,
 * and the ids of single tokens signed out, each kept until the token would have expired anyway.
 */
const sessions: TableDefinition = {
  hashKey: 'user_id',
  rangeKey: 'sk',
  attributes: { user_id: 'S', sk: 'S' },
  indexes: [],
  ttlAttribute: 'expires_at',
};

/** Abuse counters (lib/auth/limits.ts, rate-limiter-flexible's own layout: `key`, `points`, `expire`). */
const rateLimits: TableDefinition = { hashKey: 'key', attributes: { key: 'S' }, indexes: [], ttlAttribute: 'expire' };

/** Events the app could not publish, from before they waited on their task's item: only drained now (docs/data-model.md). */
const outbox: TableDefinition = { hashKey: 'event_id', attributes: { event_id: 'S' }, indexes: [] };

/**
 * What reaches a person (SPEC §6.2): their reminders per task (partition `T#<taskId>`, so a task's
 * completion or deletion cancels every member's with one Query), their in-app notifications and Web Push
 * subscriptions (partition `U#<userId>`). Sparse indexes: only reminders still to send carry `due_shard`,
 * so the consumer finds what is due with one Query per shard, never a Scan (lib/reminders/items.ts).
 */
const reminders: TableDefinition = {
  hashKey: 'pk',
  rangeKey: 'sk',
  attributes: { pk: 'S', sk: 'S', due_shard: 'S', due_key: 'S', unread_of: 'S' },
  indexes: [
    { name: REMINDERS_INDEX.due, hashKey: 'due_shard', rangeKey: 'due_key', projection: { type: 'KEYS_ONLY' } },
    // Sparse: only unread notifications, so the bell's count reads what is unread and nothing else.
    { name: REMINDERS_INDEX.unread, hashKey: 'unread_of', rangeKey: 'sk', projection: { type: 'KEYS_ONLY' } },
  ],
  ttlAttribute: 'expires_at',
};

export const TABLES = { todos, lists, activity, outbox, sessions, rateLimits, reminders } as const;
export type TableId = keyof typeof TABLES;
