import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { Construct } from 'constructs';

export const CREATED_AT_INDEX = 'CreatedAtIndex';

export type DataProps = {
  readonly tableName: string;
  /** Turns on deletion protection. */
  readonly protectData: boolean;
};

/** The `todos` table of SPEC §3: keyed by the owner's sub, listed newest-first through CreatedAtIndex. */
export class DataConstruct extends Construct {
  readonly tableName: string;
  readonly tableArn: string;
  readonly indexArn: string;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    const table = new DynamodbTable(this, 'todos', {
      name: props.tableName,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'user_id',
      rangeKey: 'todo_id',
      attribute: [
        { name: 'user_id', type: 'S' },
        { name: 'todo_id', type: 'S' },
        { name: 'createdAt', type: 'S' },
      ],
      globalSecondaryIndex: [
        { name: CREATED_AT_INDEX, hashKey: 'user_id', rangeKey: 'createdAt', projectionType: 'ALL' },
      ],
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true },
      deletionProtectionEnabled: props.protectData,
    });
    this.tableName = table.name;
    this.tableArn = table.arn;
    this.indexArn = `${table.arn}/index/${CREATED_AT_INDEX}`;
  }
}
