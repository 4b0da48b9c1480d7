import { DynamodbTable, type DynamodbTableConfig, type DynamodbTableGlobalSecondaryIndex } from '@cdktf/provider-aws/lib/dynamodb-table';
import type { Construct } from 'constructs';
import { TABLES, type IndexDefinition, type TableDefinition, type TableId } from '../../lib/data/tables';

/**
 * DynamoDB tables from their one definition, lib/data/tables.ts (docs/data-model.md). That module is also
 * what scripts/provision.ts turns into CreateTable for the emulators and where the repositories take their
 * index names from; tests/infra/data.test.ts checks that what is synthesized here equals both.
 */

/** What every table shares: on-demand, point-in-time recovery, encryption at rest, and deletion protection when asked. */
export type TableSettings = Pick<DynamodbTableConfig, 'billingMode' | 'pointInTimeRecovery' | 'serverSideEncryption' | 'deletionProtectionEnabled'>;

export function tableSettings(protectData: boolean): TableSettings {
  return {
    billingMode: 'PAY_PER_REQUEST',
    pointInTimeRecovery: { enabled: true },
    // KMS with the AWS managed key aws/dynamodb (without it DynamoDB would use a key AWS owns).
    serverSideEncryption: { enabled: true },
    deletionProtectionEnabled: protectData,
  };
}

function globalSecondaryIndex(index: IndexDefinition): DynamodbTableGlobalSecondaryIndex {
  return {
    name: index.name,
    hashKey: index.hashKey,
    ...(index.rangeKey ? { rangeKey: index.rangeKey } : {}),
    projectionType: index.projection.type,
    ...(index.projection.type === 'INCLUDE' ? { nonKeyAttributes: [...index.projection.attributes] } : {}),
  };
}

/** The aws_dynamodb_table arguments of one definition of lib/data/tables.ts. */
export function dynamodbTableConfig(definition: TableDefinition, name: string, common: TableSettings): DynamodbTableConfig {
  return {
    name,
    hashKey: definition.hashKey,
    ...(definition.rangeKey ? { rangeKey: definition.rangeKey } : {}),
    attribute: Object.entries(definition.attributes).map(([attribute, type]) => ({ name: attribute, type })),
    ...(definition.indexes.length > 0 ? { globalSecondaryIndex: definition.indexes.map(globalSecondaryIndex) } : {}),
    ...(definition.ttlAttribute ? { ttl: { attributeName: definition.ttlAttribute, enabled: true } } : {}),
    ...common,
  };
}

/** A table as the other constructs see it: its name, its ARN and the ARN of each of its indexes, by index name. */
export type TableResource = {
  readonly name: string;
  readonly arn: string;
  readonly indexArns: Readonly<Record<string, string>>;
};

/**
 * Adds one table of lib/data/tables.ts to `scope` under the construct id `id`. The id is part of the
 * Terraform address: keep it when moving code around, or Terraform replaces the table (and its data).
 */
export function addTable(scope: Construct, id: string, table: TableId, name: string, common: TableSettings): TableResource {
  const definition = TABLES[table];
  const resource = new DynamodbTable(scope, id, dynamodbTableConfig(definition, name, common));
  return {
    name: resource.name,
    arn: resource.arn,
    indexArns: Object.fromEntries(definition.indexes.map((index) => [index.name, `${resource.arn}/index/${index.name}`])),
  };
}
