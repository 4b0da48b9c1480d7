/**
 * The DynamoDB tables: every one the stack synthesizes equals its definition in lib/data/tables.ts, and
 * equals what scripts/provision.ts creates on the emulators, so local and cloud cannot drift apart.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CreateTableCommandInput, KeySchemaElement } from '@aws-sdk/client-dynamodb';
import { Testing } from 'cdktf';
import { TABLES, type TableId } from '../../lib/data/tables';
import { createTableInput } from '../../scripts/provision';
import { tableNamesOf } from '../../infra/config';
import { DataConstruct } from '../../infra/constructs/data';
import { ActivityDataConstruct } from '../../infra/constructs/activity-data';
import { RemindersDataConstruct } from '../../infra/constructs/reminders-data';
import { dynamodbTableConfig, tableSettings, type TableResource } from '../../infra/constructs/tables';
import { buildApp } from '../../infra/main';
import { resources, synthConstructs, synthStack, testConfig, type Block, testLambdaBundles } from '../../infra/testing';

type Attribute = { name: string; type: string };
type Index = { name: string; hash_key: string; range_key?: string; projection_type: string; non_key_attributes?: string[] };
type TableBlock = Block & {
  name: string;
  hash_key: string;
  range_key?: string;
  attribute: Attribute[];
  global_secondary_index?: Index[];
  ttl?: { attribute_name: string; enabled: boolean };
};

const TABLE_IDS = Object.keys(TABLES) as TableId[];
const byName = <T extends { name: string }>(items: readonly T[]) => [...items].sort((a, b) => a.name.localeCompare(b.name));

const keySchema = (hash: string, range: string | undefined): KeySchemaElement[] => [
  { AttributeName: hash, KeyType: 'HASH' },
  ...(range ? [{ AttributeName: range, KeyType: 'RANGE' as const }] : []),
];

/** A synthesized aws_dynamodb_table read back as the CreateTable request it amounts to. */
function asCreateTableInput(table: TableBlock): CreateTableCommandInput {
  const indexes = table.global_secondary_index ?? [];
  return {
    TableName: table.name,
    BillingMode: String(table.billing_mode) as CreateTableCommandInput['BillingMode'],
    AttributeDefinitions: table.attribute.map(({ name, type }) => ({ AttributeName: name, AttributeType: type as 'S' | 'N' })),
    KeySchema: keySchema(table.hash_key, table.range_key),
    ...(indexes.length > 0
      ? {
          GlobalSecondaryIndexes: indexes.map((index) => ({
            IndexName: index.name,
            KeySchema: keySchema(index.hash_key, index.range_key),
            Projection:
              index.projection_type === 'INCLUDE'
                ? { ProjectionType: 'INCLUDE', NonKeyAttributes: index.non_key_attributes }
                : { ProjectionType: index.projection_type as 'ALL' | 'KEYS_ONLY' },
          })),
        }
      : {}),
  };
}

/** Terraform's attribute and index blocks are sets: compare them in one order. */
function normalized(input: CreateTableCommandInput): CreateTableCommandInput {
  return {
    ...input,
    AttributeDefinitions: [...(input.AttributeDefinitions ?? [])].sort((a, b) => String(a.AttributeName).localeCompare(String(b.AttributeName))),
    ...(input.GlobalSecondaryIndexes
      ? { GlobalSecondaryIndexes: [...input.GlobalSecondaryIndexes].sort((a, b) => String(a.IndexName).localeCompare(String(b.IndexName))) }
      : {}),
  };
}

function tablesOf(env: Record<string, string>) {
  const config = testConfig(env);
  const app = synthStack(buildApp(Testing.app(), config, testLambdaBundles()).app);
  return { config, names: tableNamesOf(config), blocks: resources(app, 'aws_dynamodb_table') as TableBlock[], app };
}

describe('the tables, from lib/data/tables.ts', () => {
  for (const environment of ['dev', 'prod'] as const) {
    describe(environment, () => {
      const { names, blocks, app } = tablesOf({ TODOER_ENV: environment });
      const table = (id: TableId) => {
        const found = blocks.filter((block) => block.name === names[id]);
        assert.equal(found.length, 1, `one aws_dynamodb_table named ${names[id]}`);
        return found[0]!;
      };

      it('synthesizes exactly one table per definition, named per environment', () => {
        assert.deepEqual(blocks.map((block) => block.name).sort(), TABLE_IDS.map((id) => names[id]).sort());
        const suffix = environment === 'dev' ? '-dev' : '';
        assert.deepEqual(names, { todos: `todos${suffix}`, lists: `lists${suffix}`, activity: `activity${suffix}`, outbox: `outbox${suffix}`, sessions: `sessions${suffix}`, rateLimits: `rate-limits${suffix}`, reminders: `reminders${suffix}` });
      });

      for (const id of TABLE_IDS) {
        it(`${id}: keys, attributes, every index with its projection, and TTL equal lib/data/tables.ts`, () => {
          const definition = TABLES[id];
          const block = table(id);
          assert.equal(block.hash_key, definition.hashKey);
          assert.equal(block.range_key, definition.rangeKey);
          assert.deepEqual(
            byName(block.attribute),
            byName(Object.entries(definition.attributes).map(([name, type]) => ({ name, type }))),
          );
          assert.deepEqual(
            byName(block.global_secondary_index ?? []),
            byName(
              definition.indexes.map((index) => ({
                name: index.name,
                hash_key: index.hashKey,
                ...(index.rangeKey ? { range_key: index.rangeKey } : {}),
                projection_type: index.projection.type,
                ...(index.projection.type === 'INCLUDE' ? { non_key_attributes: [...index.projection.attributes] } : {}),
              })),
            ),
          );
          assert.equal(block.local_secondary_index, undefined);
          assert.deepEqual(block.ttl, definition.ttlAttribute ? { attribute_name: definition.ttlAttribute, enabled: true } : undefined);
        });

        it(`${id}: equals the CreateTable request scripts/provision.ts sends the emulator`, () => {
          const local = createTableInput(names[id], TABLES[id]);
          assert.deepEqual(normalized(asCreateTableInput(table(id))), normalized(local));
        });
      }

      it('is on-demand, encrypted, recoverable to any point in time, and protected from deletion in prod only', () => {
        for (const block of blocks) {
          assert.equal(block.billing_mode, 'PAY_PER_REQUEST', String(block.name));
          assert.deepEqual(block.point_in_time_recovery, { enabled: true });
          assert.deepEqual(block.server_side_encryption, { enabled: true });
          assert.equal(block.deletion_protection_enabled, environment === 'prod');
        }
      });

      it('keeps the Terraform addresses of the tables that existed before lists (a new address replaces the table)', () => {
        const addresses = Object.fromEntries(Object.entries(app.resource.aws_dynamodb_table ?? {}).map(([address, block]) => [String(block.name), address]));
        assert.deepEqual(addresses, {
          [names.todos]: 'data_todos_BF7D7A94',
          [names.activity]: 'activity_3AB94601',
          [names.outbox]: 'activity_outbox_1C92BFFA',
          [names.lists]: 'data_lists_CE863C4A',
          [names.sessions]: 'data_sessions_8A741406',
          [names.rateLimits]: 'data_rate_limits_F60E5047',
          [names.reminders]: 'reminders_4251EFA6',
        });
      });
    });
  }

  it('has the indexes docs/data-model.md describes: 9 on todos (TaskIdIndex projects list_id), 2 on lists and on activity', () => {
    const { names, blocks } = tablesOf({ TODOER_ENV: 'dev' });
    const indexes = (id: TableId) => byName(blocks.find((block) => block.name === names[id])!.global_secondary_index ?? []);
    assert.deepEqual(
      indexes('todos').map((index) => index.name),
      ['CreatedAtIndex', 'ListChangesIndex', 'ListDoneIndex', 'ListDueIndex', 'ListManualIndex', 'ListOpenIndex', 'ListPriorityIndex', 'ListTasksIndex', 'PendingEventsIndex', 'TaskIdIndex'],
    );
    // Sparse and keys only: the sweeper finds items by it and reads each item itself.
    assert.deepEqual(indexes('todos').find((index) => index.name === 'PendingEventsIndex'), {
      name: 'PendingEventsIndex',
      hash_key: 'pending_shard',
      range_key: 'pending_since',
      projection_type: 'KEYS_ONLY',
    });
    assert.deepEqual(indexes('todos').find((index) => index.name === 'TaskIdIndex'), {
      name: 'TaskIdIndex',
      hash_key: 'todo_id',
      projection_type: 'INCLUDE',
      non_key_attributes: ['list_id'],
    });
    assert.deepEqual(indexes('lists').map((index) => [index.name, index.hash_key, index.range_key]), [
      ['InviteeIndex', 'invitee_email', 'invited_at'],
      ['MemberListsIndex', 'member_id', 'member_position'],
    ]);
    assert.deepEqual(indexes('activity').map((index) => [index.name, index.hash_key, index.range_key]), [
      ['ListActivityIndex', 'list_id', 'sk'],
      ['TaskActivityIndex', 'task_key', 'sk'],
    ]);
    assert.deepEqual(indexes('outbox'), []);
    for (const id of ['todos', 'lists', 'activity'] as const) {
      assert.deepEqual(blocks.find((block) => block.name === names[id])!.ttl, { attribute_name: 'expires_at', enabled: true });
    }
  });
});

describe('dynamodbTableConfig', () => {
  it('turns a definition into the table arguments, with the common settings', () => {
    const config = dynamodbTableConfig(
      {
        hashKey: 'pk',
        rangeKey: 'sk',
        attributes: { pk: 'S', sk: 'S', by: 'N' },
        indexes: [
          { name: 'ByNumber', hashKey: 'by', projection: { type: 'KEYS_ONLY' } },
          { name: 'Some', hashKey: 'sk', rangeKey: 'by', projection: { type: 'INCLUDE', attributes: ['a', 'b'] } },
        ],
        ttlAttribute: 'gone_at',
      },
      'things',
      tableSettings(true),
    );
    assert.deepEqual(config, {
      name: 'things',
      hashKey: 'pk',
      rangeKey: 'sk',
      attribute: [
        { name: 'pk', type: 'S' },
        { name: 'sk', type: 'S' },
        { name: 'by', type: 'N' },
      ],
      globalSecondaryIndex: [
        { name: 'ByNumber', hashKey: 'by', projectionType: 'KEYS_ONLY' },
        { name: 'Some', hashKey: 'sk', rangeKey: 'by', projectionType: 'INCLUDE', nonKeyAttributes: ['a', 'b'] },
      ],
      ttl: { attributeName: 'gone_at', enabled: true },
      billingMode: 'PAY_PER_REQUEST',
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true },
      deletionProtectionEnabled: true,
    });
  });

  it('leaves out what a definition does not have: range key, indexes, TTL', () => {
    const config = dynamodbTableConfig({ hashKey: 'event_id', attributes: { event_id: 'S' }, indexes: [] }, 'outbox', tableSettings(false));
    assert.deepEqual(Object.keys(config).sort(), ['attribute', 'billingMode', 'deletionProtectionEnabled', 'hashKey', 'name', 'pointInTimeRecovery', 'serverSideEncryption']);
  });
});

describe('DataConstruct and ActivityDataConstruct', () => {
  const built: Record<string, TableResource> = {};
  const synth = synthConstructs((scope) => {
    const data = new DataConstruct(scope, 'data', { todosTableName: 'todos', listsTableName: 'lists', sessionsTableName: 'sessions', rateLimitsTableName: 'rate-limits', protectData: false });
    const activity = new ActivityDataConstruct(scope, 'activity', { activityTableName: 'activity', outboxTableName: 'outbox', protectData: true });
    const reminders = new RemindersDataConstruct(scope, 'reminders', { remindersTableName: 'reminders', protectData: true });
    Object.assign(built, { todos: data.todos, lists: data.lists, sessions: data.sessions, rateLimits: data.rateLimits, activity: activity.activity, outbox: activity.outbox, reminders: reminders.reminders });
  });

  it('build the seven tables, with deletion protection as asked', () => {
    const protection = Object.fromEntries(resources(synth, 'aws_dynamodb_table').map((block) => [block.name, block.deletion_protection_enabled]));
    assert.deepEqual(protection, { todos: false, lists: false, sessions: false, 'rate-limits': false, activity: true, outbox: true, reminders: true });
  });

  it('name the ARN of every index of each table, one by one', () => {
    for (const id of TABLE_IDS) {
      const table = built[id]!;
      assert.deepEqual(Object.keys(table.indexArns), TABLES[id].indexes.map((index) => index.name));
      // The tokens resolve to the table's ARN at synth (tests/infra/iam.test.ts checks the grants on them).
      for (const [name, arn] of Object.entries(table.indexArns)) assert.ok(arn.endsWith(`/index/${name}`), arn);
    }
  });
});
