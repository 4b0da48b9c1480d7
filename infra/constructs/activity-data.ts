import { Construct } from 'constructs';
import { addTable, tableSettings, type TableResource } from './tables';

export type ActivityDataProps = {
  readonly activityTableName: string;
  readonly outboxTableName: string;
  /** Turns on deletion protection. */
  readonly protectData: boolean;
};

/**
 * The task-event pipeline's tables. `activity`: one item per event, per actor newest first, per task and
 * per list through indexes, expiring by TTL. `outbox`: events the app could not publish yet, by `event_id`.
 * Keys, indexes and TTL come from lib/data/tables.ts.
 */
export class ActivityDataConstruct extends Construct {
  readonly activity: TableResource;
  readonly outbox: TableResource;

  constructor(scope: Construct, id: string, props: ActivityDataProps) {
    super(scope, id);
    const common = tableSettings(props.protectData);
    // Construct ids are Terraform addresses (aws_dynamodb_table.activity_…, activity_outbox_…): renaming one replaces the table.
    this.activity = addTable(this, 'activity', 'activity', props.activityTableName, common);
    this.outbox = addTable(this, 'outbox', 'outbox', props.outboxTableName, common);
  }
}
