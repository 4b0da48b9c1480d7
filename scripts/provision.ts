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
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, PutBucketCorsCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const POOL_NAME = 'todoer';
export const CLIENT_NAME = 'todoer-web';
export const TABLE_NAME = 'todos';
export const BUCKET_NAME = 'todoer-attachments';
export const ACTIVITY_TABLE_NAME = 'activity';
export const OUTBOX_TABLE_NAME = 'outbox';
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

type TableDefinition = Omit<CreateTableCommandInput, 'BillingMode'>;

/** The tables of SPEC §3 and the activity pipeline, as infra/constructs/data.ts declares them. */
export const TABLES: readonly TableDefinition[] = [
  {
    TableName: TABLE_NAME,
    AttributeDefinitions: [
      { AttributeName: 'user_id', AttributeType: 'S' },
      { AttributeName: 'todo_id', AttributeType: 'S' },
      { AttributeName: 'createdAt', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'user_id', KeyType: 'HASH' },
      { AttributeName: 'todo_id', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'CreatedAtIndex',
        KeySchema: [
          { AttributeName: 'user_id', KeyType: 'HASH' },
          { AttributeName: 'createdAt', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  },
  {
    TableName: ACTIVITY_TABLE_NAME,
    AttributeDefinitions: [
      { AttributeName: 'user_id', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
      { AttributeName: 'task_key', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'user_id', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'TaskActivityIndex',
        KeySchema: [
          { AttributeName: 'task_key', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  },
  {
    TableName: OUTBOX_TABLE_NAME,
    AttributeDefinitions: [{ AttributeName: 'event_id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'event_id', KeyType: 'HASH' }],
  },
];

export async function provisionTables(endpoint: string): Promise<void> {
  const dynamodb = new DynamoDBClient(sdk(endpoint));
  try {
    for (const table of TABLES) {
      try {
        await dynamodb.send(new DescribeTableCommand({ TableName: table.TableName }));
        continue;
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
      await dynamodb.send(new CreateTableCommand({ ...table, BillingMode: 'PAY_PER_REQUEST' }));
      await waitUntilTableExists({ client: dynamodb, maxWaitTime: 30, minDelay: 1 }, { TableName: table.TableName });
    }
  } finally {
    dynamodb.destroy();
  }
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

export async function provisionAll(endpoints: Endpoints, allowedOrigins: readonly string[]): Promise<Provisioned> {
  const [ids, , , events] = await Promise.all([
    provisionCognito(endpoints.cognito),
    provisionTables(endpoints.dynamodb),
    provisionBucket(endpoints.s3, allowedOrigins),
    provisionEvents(endpoints),
  ]);
  return { ...ids, events };
}
