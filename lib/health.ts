import 'server-only';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { checkCognitoReachable } from './aws/cognito';
import { dynamodb } from './aws/dynamodb';
import { s3 } from './aws/s3';
import { env } from './env';

export type CheckStatus = 'ok' | 'unavailable';
export type HealthReport = { readonly healthy: boolean; readonly checks: Readonly<Record<string, CheckStatus>> };

const CHECK_DEADLINE_MS = 3000;

const checks: Record<string, () => Promise<unknown>> = {
  cognito: () => checkCognitoReachable(),
  dynamodb: () => dynamodb().send(new DescribeTableCommand({ TableName: env().TODOS_TABLE })),
  s3: () => s3().send(new HeadBucketCommand({ Bucket: env().ATTACHMENTS_BUCKET })),
};

function withDeadline(promise: Promise<unknown>): Promise<unknown> {
  return Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error('deadline')), CHECK_DEADLINE_MS).unref()),
  ]);
}

/** Checks every backing service in parallel; one that fails or is slower than the deadline is "unavailable". */
export async function checkHealth(): Promise<HealthReport> {
  const names = Object.keys(checks);
  const results = await Promise.allSettled(names.map((name) => withDeadline(checks[name]!())));
  const statuses = Object.fromEntries(
    names.map((name, i) => [name, results[i]?.status === 'fulfilled' ? 'ok' : 'unavailable'] as const),
  );
  return { healthy: Object.values(statuses).every((status) => status === 'ok'), checks: statuses };
}
