import { Construct } from 'constructs';
import { addTable, tableSettings, type TableResource } from './tables';

export type RemindersDataProps = {
  readonly remindersTableName: string;
  /** Turns on deletion protection. */
  readonly protectData: boolean;
};

/**
 * `reminders`: each person's reminders per task, their in-app notifications and Web Push subscriptions,
 * with the sparse due and unread indexes; keys, indexes and TTL come from lib/data/tables.ts.
 */
export class RemindersDataConstruct extends Construct {
  readonly reminders: TableResource;

  constructor(scope: Construct, id: string, props: RemindersDataProps) {
    super(scope, id);
    this.reminders = addTable(this, 'reminders', 'reminders', props.remindersTableName, tableSettings(props.protectData));
  }
}
