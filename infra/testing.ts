/**
 * Helpers for the synth tests in tests/infra: synthesize offline, then read the Terraform JSON as data.
 * node:test has no Jest matchers, so assertions run on the parsed JSON (and Testing's boolean matchers).
 */
import { Testing, type TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LAMBDA_BUNDLE_FILE, LAMBDA_FUNCTIONS, type LambdaName } from '../worker/lambdas';
import { loadConfig, type EnvironmentConfig } from './config';
import type { PolicyStatement } from './constructs/policy';

export type Block = Record<string, unknown>;
export type Synthesized = {
  readonly json: string;
  readonly resource: Record<string, Record<string, Block>>;
  readonly data: Record<string, Record<string, Block>>;
  readonly output: Record<string, { value: unknown }>;
  readonly terraform: Block;
  readonly provider: Record<string, Block[]>;
};

function parse(json: string): Synthesized {
  const parsed = JSON.parse(json) as Partial<Synthesized>;
  return {
    json,
    resource: parsed.resource ?? {},
    data: parsed.data ?? {},
    output: parsed.output ?? {},
    terraform: parsed.terraform ?? {},
    provider: parsed.provider ?? {},
  };
}

/** Synthesizes whatever `build` adds to a bare test stack. */
export function synthConstructs(build: (scope: Construct) => void): Synthesized {
  return parse(Testing.synthScope((scope) => build(scope)));
}

export function synthStack(stack: TerraformStack): Synthesized {
  return parse(Testing.synth(stack));
}

/** Every resource of a type, without cdktf's "//" metadata. */
export function resources(synth: Synthesized, type: string): Block[] {
  return Object.values(synth.resource[type] ?? {}).map(({ '//': _metadata, ...block }) => block);
}

/** The one resource of a type; fails if there are none or several. */
export function single(synth: Synthesized, type: string): Block {
  const found = resources(synth, type);
  if (found.length !== 1) throw new Error(`expected exactly one ${type}, found ${found.length}`);
  return found[0]!;
}

/** Every statement of every IAM policy document in the stack (role policies, bucket and queue policies, trust policies). */
export function policyStatements(synth: Synthesized): { type: string; statement: PolicyStatement }[] {
  const documents: [string, string][] = [];
  for (const type of ['aws_iam_role_policy', 'aws_iam_policy', 'aws_s3_bucket_policy', 'aws_sqs_queue_policy', 'aws_sns_topic_policy']) {
    for (const block of resources(synth, type)) documents.push([type, String(block.policy)]);
  }
  for (const role of resources(synth, 'aws_iam_role')) documents.push(['aws_iam_role', String(role.assume_role_policy)]);
  return documents.flatMap(([type, document]) =>
    (JSON.parse(document) as { Statement: PolicyStatement[] }).Statement.map((statement) => ({ type, statement })),
  );
}

export const asList = <T>(value: T | readonly T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? [...(value as readonly T[])] : [value as T];

/** The statements of one role's inline policy, found by the policy's name (`app`, `worker`, ...). */
export function rolePolicy(synth: Synthesized, name: string): PolicyStatement[] {
  const found = resources(synth, 'aws_iam_role_policy').filter((policy) => policy.name === name);
  if (found.length !== 1) throw new Error(`expected exactly one role policy named ${name}, found ${found.length}`);
  return (JSON.parse(String(found[0]!.policy)) as { Statement: PolicyStatement[] }).Statement;
}

/** The container definitions of the task definition of one family. */
export function containers<T = Block>(synth: Synthesized, family: string): T[] {
  const found = resources(synth, 'aws_ecs_task_definition').filter((task) => task.family === family);
  if (found.length !== 1) throw new Error(`expected exactly one task definition of family ${family}, found ${found.length}`);
  return JSON.parse(String(found[0]!.container_definitions)) as T[];
}

/** A configuration as deploy.sh would produce it, with overrides. */
export function testConfig(env: Record<string, string> = {}): EnvironmentConfig {
  return loadConfig({
    env: { TODOER_ENV: 'dev', TODOER_IMAGE_TAG: '0123456789abcdef0123456789abcdef01234567', ...env },
    localStateDirectory: '/tmp/todoer-state',
  });
}

let stubBundles: Record<LambdaName, string> | undefined;

/**
 * Bundle folders for synth tests, which check the wiring, not the code: synth only zips what is there.
 * The real bundles are built and checked in tests/infra/consumers.test.ts.
 */
export function testLambdaBundles(): Record<LambdaName, string> {
  if (stubBundles) return stubBundles;
  const root = mkdtempSync(path.join(tmpdir(), 'todoer-lambda-stub-'));
  stubBundles = Object.fromEntries(
    Object.keys(LAMBDA_FUNCTIONS).map((name) => {
      const directory = path.join(root, name);
      mkdirSync(directory);
      writeFileSync(path.join(directory, LAMBDA_BUNDLE_FILE), 'exports.handler = async () => ({ batchItemFailures: [] });\n');
      return [name, directory];
    }),
  ) as Record<LambdaName, string>;
  return stubBundles;
}
