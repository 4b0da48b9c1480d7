/**
 * Creates, idempotently, on the emulators: the Cognito pool + client, the DynamoDB tables, the S3 bucket,
 * and the event topic with its queue and dead-letter queue.
 */
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  ResourceNotFoundException,
  waitUntilTableExists,
  waitUntilTableNotExists,
} from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, PutBucketCorsCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { TABLES, type Projection, type TableDefinition, type TableId } from '../lib/data/tables';
import { migrate, migrationClient } from './migrate';

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const POOL_NAME = 'todoer';
export const CLIENT_NAME = 'todoer-web';
export const TABLE_NAME = 'todos';
export const BUCKET_NAME = 'todoer-attachments';
export const ACTIVITY_TABLE_NAME = 'activity';
export const LISTS_TABLE_NAME = 'lists';
export const SESSIONS_TABLE_NAME = 'sessions';
export const RATE_LIMITS_TABLE_NAME = 'rate-limits';
export const OUTBOX_TABLE_NAME = 'outbox';
export const REMINDERS_TABLE_NAME = 'reminders';
export const TOPIC_NAME = 'todoer-events';
export const QUEUE_NAME = 'todoer-events';
export const DEAD_LETTER_QUEUE_NAME = 'todoer-events-dlq';
export const MAX_RECEIVE_COUNT = 5;

export type Endpoints = {
  readonly cognito: string;
  readonly dynamodb: string;
  readonly s3: string;
  readonly rekognition: string;
  readonly sns: string;
  readonly sqs: string;
  readonly ses: string;
};
export type CognitoIds = { readonly userPoolId: string; readonly clientId: string };
export type Provisioned = CognitoIds & { readonly events: EventBus };

const sdk = (endpoint: string) => ({ region: LOCAL_REGION, endpoint, credentials: LOCAL_CREDENTIALS });

export async function provisionCognito(endpoint: string): Promise<CognitoIds> {
  const cognito = new CognitoIdentityProviderClient(sdk(endpoint));
  const pools = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  let userPoolId = pools.UserPools?.find((pool) => pool.Name === POOL_NAME)?.Id;
  if (!userPoolId) {
    const created = await cognito.send(
      new CreateUserPoolCommand({
        PoolName: POOL_NAME,
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: false },
        Policies: {
          PasswordPolicy: { MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: false },
        },
      }),
    );
    userPoolId = created.UserPool?.Id;
  }
  if (!userPoolId) throw new Error('cognito-local did not return a user pool id');
  const clients = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
  let clientId = clients.UserPoolClients?.find((client) => client.ClientName === CLIENT_NAME)?.ClientId;
  if (!clientId) {
    const created = await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: CLIENT_NAME,
        GenerateSecret: false,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        PreventUserExistenceErrors: 'ENABLED',
        EnableTokenRevocation: true,
        AccessTokenValidity: 60,
        IdTokenValidity: 60,
        RefreshTokenValidity: 30,
        TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
      }),
    );
    clientId = created.UserPoolClient?.ClientId;
  }
  if (!clientId) throw new Error('cognito-local did not return an app client id');
  cognito.destroy();
  return { userPoolId, clientId };
}

/** The local name of each table of lib/data/tables.ts (the cloud's come from infra/config.ts). */
export const LOCAL_TABLE_NAMES: Record<TableId, string> = {
  todos: TABLE_NAME,
  lists: LISTS_TABLE_NAME,
  activity: ACTIVITY_TABLE_NAME,
  outbox: OUTBOX_TABLE_NAME,
  sessions: SESSIONS_TABLE_NAME,
  rateLimits: RATE_LIMITS_TABLE_NAME,
  reminders: REMINDERS_TABLE_NAME,
};

function projectionOf(projection: Projection): NonNullable<GlobalSecondaryIndex['Projection']> {
  return projection.type === 'INCLUDE'
    ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...projection.attributes] }
    : { ProjectionType: projection.type };
}

function keySchema(hashKey: string, rangeKey: string | undefined): KeySchemaElement[] {
  return [{ AttributeName: hashKey, KeyType: 'HASH' }, ...(rangeKey ? [{ AttributeName: rangeKey, KeyType: 'RANGE' as const }] : [])];
}

/** The CreateTable request of one definition of lib/data/tables.ts. */
export function createTableInput(name: string, table: TableDefinition): CreateTableCommandInput {
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: Object.entries(table.attributes).map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    KeySchema: keySchema(table.hashKey, table.rangeKey),
    ...(table.indexes.length > 0
      ? {
          GlobalSecondaryIndexes: table.indexes.map((index) => ({
            IndexName: index.name,
            KeySchema: keySchema(index.hashKey, index.rangeKey),
            Projection: projectionOf(index.projection),
          })),
        }
      : {}),
  };
}

const sameIndexes = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();

/**
 * Creates each table that is missing. A local table made by an older version lacks indexes that
 * dynalite cannot add in place (UpdateTable ignores GlobalSecondaryIndexUpdates), so it is rebuilt:
 * its items are kept in memory, the table recreated with the current definition, the items written back.
 * In the cloud, Terraform adds indexes to the live tables instead.
 */
export async function provisionTables(endpoint: string, log: (line: string) => void = () => undefined): Promise<void> {
  const client = new DynamoDBClient(sdk(endpoint));
  const documents = DynamoDBDocumentClient.from(client);
  try {
    for (const [id, table] of Object.entries(TABLES) as [TableId, TableDefinition][]) {
      const input = createTableInput(LOCAL_TABLE_NAMES[id], table);
      let existing: string[] | undefined;
      try {
        const { Table } = await client.send(new DescribeTableCommand({ TableName: input.TableName }));
        existing = (Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName ?? '');
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
      const wanted = table.indexes.map((index) => index.name);
      if (existing && sameIndexes(existing, wanted)) continue;
      const items = existing ? await scanAll(documents, input.TableName!) : [];
      if (existing) {
        log(`rebuilding local table ${input.TableName} with its current indexes (${items.length} items kept)`);
        await client.send(new DeleteTableCommand({ TableName: input.TableName }));
        await waitUntilTableNotExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: input.TableName });
      }
      await client.send(new CreateTableCommand(input));
      await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: input.TableName });
      for (let i = 0; i < items.length; i += 25) {
        await documents.send(new BatchWriteCommand({ RequestItems: { [input.TableName!]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
      }
    }
  } finally {
    client.destroy();
  }
}

async function scanAll(documents: DynamoDBDocumentClient, tableName: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

export type EventBus = { readonly topicArn: string; readonly queueUrl: string; readonly deadLetterQueueUrl: string };

/** The topic, the queue subscribed to it with raw delivery, and its dead-letter queue, as infra/ builds them. */
export async function provisionEvents(endpoints: { readonly sns: string; readonly sqs: string }): Promise<EventBus> {
  const sqs = new SQSClient(sdk(endpoints.sqs));
  const sns = new SNSClient(sdk(endpoints.sns));
  try {
    // CreateTopic, CreateQueue and Subscribe return what exists when called again with the same settings.
    const { QueueUrl: deadLetterQueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: DEAD_LETTER_QUEUE_NAME, Attributes: { MessageRetentionPeriod: '1209600' } }),
    );
    if (!deadLetterQueueUrl) throw new Error('the SQS emulator did not return the dead-letter queue URL');
    const deadLetterArn = await queueArn(sqs, deadLetterQueueUrl);
    const { QueueUrl: queueUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: QUEUE_NAME,
        Attributes: {
          VisibilityTimeout: '60',
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetterArn, maxReceiveCount: MAX_RECEIVE_COUNT }),
        },
      }),
    );
    if (!queueUrl) throw new Error('the SQS emulator did not return the queue URL');
    const { TopicArn: topicArn } = await sns.send(new CreateTopicCommand({ Name: TOPIC_NAME }));
    if (!topicArn) throw new Error('the SNS emulator did not return the topic ARN');
    await sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'sqs',
        Endpoint: await queueArn(sqs, queueUrl),
        Attributes: { RawMessageDelivery: 'true' },
        ReturnSubscriptionArn: true,
      }),
    );
    return { topicArn, queueUrl, deadLetterQueueUrl };
  } finally {
    sqs.destroy();
    sns.destroy();
  }
}

async function queueArn(sqs: SQSClient, queueUrl: string): Promise<string> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  if (!Attributes?.QueueArn) throw new Error(`the SQS emulator did not return the ARN of ${queueUrl}`);
  return Attributes.QueueArn;
}

export async function provisionBucket(endpoint: string, allowedOrigins: readonly string[]): Promise<void> {
  const s3 = new S3Client({ ...sdk(endpoint), forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
  try {
    await s3.send(new HeadBucketCommand({ Bucket: BUCKET_NAME }));
  } catch {
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET_NAME }));
  }
  // Rewritten on every start so a changed PORT gets a matching CORS origin.
  await s3.send(
    new PutBucketCorsCommand({
      Bucket: BUCKET_NAME,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: [...allowedOrigins],
            AllowedMethods: ['GET', 'HEAD', 'POST'],
            AllowedHeaders: ['*'],
            ExposeHeaders: ['ETag'],
            MaxAgeSeconds: 3000,
          },
        ],
      },
    }),
  );
  s3.destroy();
}

/** Brings the local data to the current model before the app starts (scripts/migrate.ts). */
async function migrateLocal(endpoint: string, log: (line: string) => void): Promise<void> {
  const client = migrationClient({ ...sdk(endpoint) });
  try {
    await migrate(client, { todos: TABLE_NAME, lists: LISTS_TABLE_NAME, activity: ACTIVITY_TABLE_NAME }, log);
  } finally {
    client.destroy();
  }
}

export async function provisionAll(
  endpoints: Endpoints,
  allowedOrigins: readonly string[],
  log: (line: string) => void = () => undefined,
): Promise<Provisioned> {
  const [ids, , , events] = await Promise.all([
    provisionCognito(endpoints.cognito),
    provisionTables(endpoints.dynamodb, log).then(() => migrateLocal(endpoints.dynamodb, log)),
    provisionBucket(endpoints.s3, allowedOrigins),
    provisionEvents(endpoints),
  ]);
  return { ...ids, events };
}
