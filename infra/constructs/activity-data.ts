import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { Construct } from 'constructs';

export const TASK_ACTIVITY_INDEX = 'TaskActivityIndex';
/** Activity items carry their expiry (epoch seconds) here; DynamoDB deletes them after it. */
export const ACTIVITY_TTL_ATTRIBUTE = 'expires_at';

export type ActivityDataProps = {
  readonly activityTableName: string;
  readonly outboxTableName: string;
  /** Turns on deletion protection. */
  readonly protectData: boolean;
};

/**
 * The task-event pipeline's tables. `activity`: one item per event, per user newest-first
 * (`user_id` + `sk` = `<ISO time>#<eventId>`), per task through TaskActivityIndex (`task_key` =
 * `<userId>#<taskId>`), expiring by TTL. `outbox`: events the app could not publish yet, by `event_id`.
 */
export class ActivityDataConstruct extends Construct {
  readonly activityTableName: string;
  readonly activityTableArn: string;
  readonly activityIndexArn: string;
  readonly outboxTableName: string;
  readonly outboxTableArn: string;

  constructor(scope: Construct, id: string, props: ActivityDataProps) {
    super(scope, id);
    const common = {
      billingMode: 'PAY_PER_REQUEST',
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true },
      deletionProtectionEnabled: props.protectData,
    };
    const activity = new DynamodbTable(this, 'activity', {
      name: props.activityTableName,
      hashKey: 'user_id',
      rangeKey: 'sk',
      attribute: [
        { name: 'user_id', type: 'S' },
        { name: 'sk', type: 'S' },
        { name: 'task_key', type: 'S' },
      ],
      globalSecondaryIndex: [{ name: TASK_ACTIVITY_INDEX, hashKey: 'task_key', rangeKey: 'sk', projectionType: 'ALL' }],
      ttl: { attributeName: ACTIVITY_TTL_ATTRIBUTE, enabled: true },
      ...common,
    });
    const outbox = new DynamodbTable(this, 'outbox', {
      name: props.outboxTableName,
      hashKey: 'event_id',
      attribute: [{ name: 'event_id', type: 'S' }],
      ...common,
    });

    this.activityTableName = activity.name;
    this.activityTableArn = activity.arn;
    this.activityIndexArn = `${activity.arn}/index/${TASK_ACTIVITY_INDEX}`;
    this.outboxTableName = outbox.name;
    this.outboxTableArn = outbox.arn;
  }
}
