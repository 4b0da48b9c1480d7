import type { PolicyStatement } from './policy';

/** A table's ARN and the ARN of each of its indexes (tables.ts's TableResource is one). */
export type TableArns = { readonly arn: string; readonly indexArns: Readonly<Record<string, string>> };

export type AppResources = {
  /** The tables of lib/data/tables.ts the app reads and writes. */
  readonly todos: TableArns;
  readonly lists: TableArns;
  readonly sessions: TableArns;
  readonly rateLimits: TableArns;
  /** The task-event pipeline: the topic the app publishes to, the legacy outbox it drains, and the activity it reads. */
  readonly activity: TableArns;
  readonly outbox: TableArns;
  /** Reminders, notifications and push subscriptions (lib/reminders). */
  readonly reminders: TableArns;
  readonly bucketArn: string;
  /** ARN pattern of the objects under users/. */
  readonly objectsArn: string;
  readonly objectPrefix: string;
  /** ARN pattern of the uploads under staging/, and that prefix. */
  readonly stagingObjectsArn: string;
  readonly stagingPrefix: string;
  readonly eventsTopicArn: string;
  /** The SES identity the app sends email from (lib/email), when a sender is configured. */
  readonly sesIdentityArn?: string;
};

export type ReminderConsumerResources = {
  readonly remindersTableArn: string;
  /** The sparse index of reminders still to send. */
  readonly dueIndexArn: string;
  readonly todosTableArn: string;
  readonly listsTableArn: string;
  /** The SES identity reminders are emailed from, when a sender is configured. */
  readonly sesIdentityArn?: string;
  /** The secret holding the VAPID private key (worker/vapid-keys-source.ts reads it). */
  readonly webPushPrivateKeyArn: string;
};

export type ActivityConsumerResources = {
  readonly activityTableArn: string;
  /** Read to drop the events of an account deleted while they were in flight. */
  readonly sessionsTableArn: string;
};

/** Every index of a table by its own ARN (no `index/*`): an index added to lib/data/tables.ts gets its grant with it. */
function indexArns(table: TableArns): string[] {
  return Object.values(table.indexArns);
}

/**
 * What the app's code calls, on exact ARNs (tests/infra/iam.test.ts reads the code and checks that the
 * DynamoDB actions below are exactly the ones it sends):
 * - lib/tasks/repository.ts: todos, GetItem, PutItem (every write, deletes included: a delete writes a
 *   tombstone), Query on the table and its indexes, BatchWriteItem (list and account deletion);
 *   lib/events/pending-store.ts: UpdateItem (clearing published events), Query on PendingEventsIndex;
 *   lib/tasks/tag-entries.ts: BatchGetItem (a tag's view reads its tasks by key); lib/health.ts: DescribeTable;
 * - lib/lists/repository.ts: lists, GetItem, PutItem, UpdateItem, DeleteItem (a member leaves), Query,
 *   BatchGetItem (the access check), BatchWriteItem (a list's partition), Query on its two indexes;
 *   lib/tasks/tag-entries.ts keeps the tag entries there too (BatchWriteItem, Query);
 * - lib/auth/revocation.ts: sessions, BatchGetItem (every request's check), PutItem (ending sessions), GetItem (vouching for a new sign-in);
 *   lib/idempotency.ts keeps creations' answers there too: PutItem, GetItem, DeleteItem;
 * - lib/auth/limits.ts: rate-limits, through rate-limiter-flexible's RateLimiterDynamo: GetItem, UpdateItem, DeleteItem;
 * - lib/activity/repository.ts: activity, Query on the table (an actor's history) and its indexes (a task's,
 *   a list's), BatchWriteItem (deleting it with a list or an account);
 * - lib/reminders: reminders, Query (a task's, a person's notifications and push subscriptions, and the unread
 *   index), PutItem, UpdateItem (marking read; the consumer's claims, in lib/reminders/delivery.ts), DeleteItem;
 * - lib/events/outbox.ts: the legacy outbox, only drained: Scan, UpdateItem (the lease), DeleteItem;
 * - lib/attachments: served objects under users/ (read, written by CopyObject, deleted), uploads under
 *   staging/ (the presigned POST writes them with the app's signature, CopyObject reads them, the
 *   sweeper lists and deletes them); lib/health (HeadBucket),
 *   Rekognition, lib/events (publish to the topic), lib/email (send from the configured SES identity).
 * Cognito needs no IAM: the app uses only the public, token-authorized user APIs.
 */
export function appTaskPolicy(resources: AppResources): PolicyStatement[] {
  return [
    {
      Sid: 'TasksTable',
      Effect: 'Allow',
      Action: [
        'dynamodb:DescribeTable',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:Query',
        'dynamodb:BatchGetItem',
        'dynamodb:BatchWriteItem',
      ],
      Resource: resources.todos.arn,
    },
    { Sid: 'TasksIndexes', Effect: 'Allow', Action: 'dynamodb:Query', Resource: indexArns(resources.todos) },
    {
      Sid: 'ListsTable',
      Effect: 'Allow',
      Action: [
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:Query',
        'dynamodb:BatchGetItem',
        'dynamodb:BatchWriteItem',
      ],
      Resource: resources.lists.arn,
    },
    { Sid: 'ListsIndexes', Effect: 'Allow', Action: 'dynamodb:Query', Resource: indexArns(resources.lists) },
    // rate-limiter-flexible (lib/auth/limits.ts) reads, counts and clears with these three.
    { Sid: 'AbuseCounters', Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], Resource: resources.rateLimits.arn },
    // Ended sessions (lib/auth/revocation.ts) and the active ones the account page lists (lib/auth/sessions.ts).
    {
      Sid: 'Sessions',
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:BatchWriteItem'],
      Resource: resources.sessions.arn,
    },
    {
      Sid: 'AttachmentObjects',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      Resource: resources.objectsArn,
    },
    {
      Sid: 'StagedUploads',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      Resource: resources.stagingObjectsArn,
    },
    {
      Sid: 'ListAttachmentObjects',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: resources.bucketArn,
      // IfExists: HeadBucket (the health check) needs ListBucket and sends no prefix; listings are kept to users/ and staging/.
      Condition: { StringLikeIfExists: { 's3:prefix': [`${resources.objectPrefix}*`, `${resources.stagingPrefix}*`] } },
    },
    // DetectLabels has no resource-level permissions: AWS accepts only "*" here.
    { Sid: 'LabelImages', Effect: 'Allow', Action: 'rekognition:DetectLabels', Resource: '*' },
    // The topic's key is SNS's AWS managed key, whose key policy already admits the account's callers through SNS.
    { Sid: 'PublishTaskEvents', Effect: 'Allow', Action: 'sns:Publish', Resource: resources.eventsTopicArn },
    {
      Sid: 'EventOutbox',
      Effect: 'Allow',
      Action: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Scan'],
      Resource: resources.outbox.arn,
    },
    {
      Sid: 'Reminders',
      Effect: 'Allow',
      Action: ['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      Resource: resources.reminders.arn,
    },
    { Sid: 'RemindersIndexes', Effect: 'Allow', Action: 'dynamodb:Query', Resource: indexArns(resources.reminders) },
    { Sid: 'TaskActivity', Effect: 'Allow', Action: ['dynamodb:Query', 'dynamodb:BatchWriteItem'], Resource: resources.activity.arn },
    { Sid: 'TaskActivityIndexes', Effect: 'Allow', Action: 'dynamodb:Query', Resource: indexArns(resources.activity) },
    // lib/email (SES v2 SendEmail, e.g. list invitations), from the configured identity only.
    ...(resources.sesIdentityArn
      ? [{ Sid: 'SendEmail', Effect: 'Allow', Action: 'ses:SendEmail', Resource: resources.sesIdentityArn } as const]
      : []),
  ];
}

/**
 * What the activity consumer's code calls (worker/activity-store.ts): it records each event in the
 * activity table and reads the author's deletion mark. Its queue and logs are granted by
 * ConsumerFunctionConstruct; tests/infra/iam.test.ts checks these against the code.
 */
export function activityConsumerPolicy(resources: ActivityConsumerResources): PolicyStatement[] {
  return [
    { Sid: 'RecordActivity', Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: resources.activityTableArn },
    { Sid: 'DeletedAccounts', Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: resources.sessionsTableArn },
  ];
}

/**
 * What the reminder consumer's code calls (lib/reminders/delivery.ts and what it imports): the due index
 * (Query), claims and channel records (UpdateItem), notifications (PutItem), cancelled reminders and ended
 * push subscriptions (DeleteItem), a person's push subscriptions (Query); the task (GetItem), the person's
 * membership (BatchGetItem), SES for the email, and the VAPID private key's secret (GetSecretValue, that secret
 * only: no other role may read it). Its schedule and logs are granted by ConsumerFunctionConstruct.
 */
export function reminderConsumerPolicy(resources: ReminderConsumerResources): PolicyStatement[] {
  return [
    {
      Sid: 'Reminders',
      Effect: 'Allow',
      Action: ['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      Resource: resources.remindersTableArn,
    },
    { Sid: 'DueReminders', Effect: 'Allow', Action: 'dynamodb:Query', Resource: resources.dueIndexArn },
    { Sid: 'ReadTask', Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: resources.todosTableArn },
    { Sid: 'ReadMembership', Effect: 'Allow', Action: 'dynamodb:BatchGetItem', Resource: resources.listsTableArn },
    ...(resources.sesIdentityArn ? [{ Sid: 'SendEmail', Effect: 'Allow', Action: 'ses:SendEmail', Resource: resources.sesIdentityArn } as const] : []),
    // Its AWS managed key needs no kms:Decrypt (the key policy admits the account's callers through Secrets Manager).
    { Sid: 'ReadWebPushKey', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: resources.webPushPrivateKeyArn },
  ];
}
