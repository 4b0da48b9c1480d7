import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { Testing } from 'cdktf';
import { DataConstruct } from '../../infra/constructs/data';
import { single, synthConstructs } from '../../infra/testing';

describe('DataConstruct', () => {
  let indexArn = '';
  const data = synthConstructs((scope) => {
    indexArn = new DataConstruct(scope, 'data', { tableName: 'todos', protectData: false }).indexArn;
  });
  const table = single(data, 'aws_dynamodb_table');

  it('keys the todos table exactly as SPEC §3: user_id (S) + todo_id (S)', () => {
    assert.equal(table.name, 'todos');
    assert.equal(table.hash_key, 'user_id');
    assert.equal(table.range_key, 'todo_id');
    assert.deepEqual(table.attribute, [
      { name: 'user_id', type: 'S' },
      { name: 'todo_id', type: 'S' },
      { name: 'createdAt', type: 'S' },
    ]);
  });

  it('has CreatedAtIndex on user_id + createdAt projecting ALL, and nothing else', () => {
    assert.deepEqual(table.global_secondary_index, [
      { name: 'CreatedAtIndex', hash_key: 'user_id', range_key: 'createdAt', projection_type: 'ALL' },
    ]);
    assert.equal(table.local_secondary_index, undefined);
    assert.match(indexArn, /\/index\/CreatedAtIndex$/);
  });

  it('is on-demand, encrypted and recoverable to any point in time', () => {
    assert.ok(
      Testing.toHaveResourceWithProperties(data.json, DynamodbTable.tfResourceType, {
        billing_mode: 'PAY_PER_REQUEST',
        point_in_time_recovery: { enabled: true },
        server_side_encryption: { enabled: true },
        deletion_protection_enabled: false,
      }),
    );
  });
});
