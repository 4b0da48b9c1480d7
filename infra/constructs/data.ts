import { Construct } from 'constructs';
import { addTable, tableSettings, type TableResource } from './tables';

export type DataProps = {
  readonly todosTableName: string;
  readonly listsTableName: string;
  readonly sessionsTableName: string;
  readonly rateLimitsTableName: string;
  /** Turns on deletion protection. */
  readonly protectData: boolean;
};

/**
 * The app's data (docs/data-model.md): `todos` (tasks and their tombstones, SPEC §3's key, one sparse or
 * per-list index per view) and `lists` (lists, memberships and invitations, one partition per list).
 * Keys, indexes and TTL come from lib/data/tables.ts.
 */
export class DataConstruct extends Construct {
  readonly todos: TableResource;
  readonly lists: TableResource;
  /** Ended sessions: what makes a signed-out access token fail on every process. */
  readonly sessions: TableResource;
  /** Abuse counters shared by every process. */
  readonly rateLimits: TableResource;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    const common = tableSettings(props.protectData);
    // Construct ids are Terraform addresses (aws_dynamodb_table.data_todos_…): renaming one replaces the table.
    this.todos = addTable(this, 'todos', 'todos', props.todosTableName, common);
    this.lists = addTable(this, 'lists', 'lists', props.listsTableName, common);
    this.sessions = addTable(this, 'sessions', 'sessions', props.sessionsTableName, common);
    this.rateLimits = addTable(this, 'rate_limits', 'rateLimits', props.rateLimitsTableName, common);
  }
}
