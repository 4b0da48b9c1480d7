import type { PolicyStatement } from './policy';

export type AppResources = {
  readonly tableArn: string;
  readonly indexArn: string;
  readonly bucketArn: string;
  /** ARN pattern of the objects under users/. */
  readonly objectsArn: string;
  readonly objectPrefix: string;
  /** The task-event pipeline: the topic the app publishes to, its outbox, and the activity it reads. */
  readonly eventsTopicArn: string;
  readonly outboxTableArn: string;
  readonly activityTableArn: string;
  readonly activityIndexArn: string;
  /** The SES identity the app sends email from (lib/email), when a sender is configured. */
  readonly sesIdentityArn?: string;
};

export type WorkerResources = {
  readonly queueArn: string;
  readonly activityTableArn: string;
};

/**
 * What the app's code calls, on exact ARNs: lib/tasks (DynamoDB), lib/health (DescribeTable,
 * HeadBucket), lib/attachments (objects under users/, tagging of pending uploads), Rekognition,
 * lib/events (publish to the topic, or keep the event in the outbox and drain it later) and
 * lib/activity (read a user's or a task's activity; delete it with the account) and lib/email (send from
 * the configured SES identity, when there is one).
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
        'dynamodb:DeleteItem',
        'dynamodb:Query',
        'dynamodb:BatchWriteItem',
      ],
      Resource: resources.tableArn,
    },
    { Sid: 'TasksNewestFirst', Effect: 'Allow', Action: 'dynamodb:Query', Resource: resources.indexArn },
    {
      Sid: 'AttachmentObjects',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:PutObjectTagging', 's3:DeleteObjectTagging'],
      Resource: resources.objectsArn,
    },
    {
      Sid: 'ListAttachmentObjects',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: resources.bucketArn,
      // IfExists: HeadBucket (the health check) needs ListBucket and sends no prefix; listings are kept to users/.
      Condition: { StringLikeIfExists: { 's3:prefix': [`${resources.objectPrefix}*`] } },
    },
    // DetectLabels has no resource-level permissions: AWS accepts only "*" here.
    { Sid: 'LabelImages', Effect: 'Allow', Action: 'rekognition:DetectLabels', Resource: '*' },
    // The topic's key is SNS's AWS managed key, whose key policy already admits the account's callers through SNS.
    { Sid: 'PublishTaskEvents', Effect: 'Allow', Action: 'sns:Publish', Resource: resources.eventsTopicArn },
    {
      Sid: 'EventOutbox',
      Effect: 'Allow',
      Action: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Scan'],
      Resource: resources.outboxTableArn,
    },
    {
      Sid: 'TaskActivity',
      Effect: 'Allow',
      Action: ['dynamodb:Query', 'dynamodb:BatchWriteItem', 'dynamodb:DeleteItem'],
      Resource: resources.activityTableArn,
    },
    { Sid: 'TaskActivityByTask', Effect: 'Allow', Action: 'dynamodb:Query', Resource: resources.activityIndexArn },
    // lib/email (SES v2 SendEmail, e.g. list invitations), from the configured identity only.
    ...(resources.sesIdentityArn
      ? [{ Sid: 'SendEmail', Effect: 'Allow', Action: 'ses:SendEmail', Resource: resources.sesIdentityArn } as const]
      : []),
  ];
}

/**
 * What the event worker calls: it consumes the events queue (receive, delete, extend the visibility of
 * a message it is still working on, read the queue's attributes) and records each event in the activity
 * table. The batch forms of DeleteMessage and ChangeMessageVisibility need no action of their own.
 */
export function workerTaskPolicy(resources: WorkerResources): PolicyStatement[] {
  return [
    {
      Sid: 'ConsumeTaskEvents',
      Effect: 'Allow',
      Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
      Resource: resources.queueArn,
    },
    { Sid: 'RecordActivity', Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: resources.activityTableArn },
  ];
}
