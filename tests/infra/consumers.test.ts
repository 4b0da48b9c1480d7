/**
 * The consumers on Lambda: ConsumerFunctionConstruct with each trigger (queue, schedule), and the real
 * bundles `npm run build:lambdas` makes, loaded as the Node 24 runtime loads them.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  CONSUMER_ARCHITECTURE,
  CONSUMER_RUNTIME,
  ConsumerFunctionConstruct,
  type ConsumerFunctionProps,
} from '../../infra/constructs/consumer-function';
import { Testing } from 'cdktf';
import { buildApp } from '../../infra/main';
import { resources, rolePolicy, single, synthConstructs, synthStack, testConfig, testLambdaBundles } from '../../infra/testing';
import { buildLambdas } from '../../scripts/build-lambdas';
import { LAMBDA_FUNCTIONS, LAMBDA_HANDLER } from '../../worker/lambdas';

const QUEUE_ARN = 'arn:aws:sqs:us-east-1:123456789012:todoer-dev-events';

const props = (overrides: Partial<ConsumerFunctionProps> = {}): ConsumerFunctionProps => ({
  prefix: 'todoer-dev',
  name: 'activity',
  description: 'test consumer',
  bundleDirectory: testLambdaBundles().activity,
  memoryMb: 256,
  timeoutSeconds: 10,
  logRetentionDays: 14,
  environment: { ACTIVITY_TABLE: 'activity-dev' },
  policy: [{ Sid: 'RecordActivity', Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/activity-dev' }],
  trigger: { kind: 'queue', queueArn: QUEUE_ARN, queueVisibilityTimeoutSeconds: 60, batchSize: 10, maxBatchingWindowSeconds: 1, maxConcurrency: 2 },
  ...overrides,
});

describe('ConsumerFunctionConstruct on a queue', () => {
  const synth = synthConstructs((scope) => new ConsumerFunctionConstruct(scope, 'consumer', props({ reservedConcurrency: 3 })));
  const fn = single(synth, 'aws_lambda_function');

  it('runs the bundle on Node 24, arm64, with the handler every bundle exports', () => {
    assert.equal(CONSUMER_RUNTIME, 'nodejs24.x');
    assert.deepEqual([fn.runtime, fn.architectures, fn.handler], ['nodejs24.x', [CONSUMER_ARCHITECTURE], LAMBDA_HANDLER]);
    assert.deepEqual([fn.architectures, fn.memory_size, fn.timeout, fn.reserved_concurrent_executions], [['arm64'], 256, 10, 3]);
    assert.equal(fn.function_name, 'todoer-dev-activity-consumer');
    // The zip of the bundle folder, redeployed when its content changes.
    assert.match(String(fn.filename), /archive\.zip$/);
    assert.match(String(fn.source_code_hash), /filebase64sha256/);
  });

  it('drains the queue through an event source mapping that reports partial batch failures', () => {
    const mapping = single(synth, 'aws_lambda_event_source_mapping');
    assert.equal(mapping.event_source_arn, QUEUE_ARN);
    assert.deepEqual(mapping.function_response_types, ['ReportBatchItemFailures']);
    assert.deepEqual([mapping.batch_size, mapping.maximum_batching_window_in_seconds], [10, 1]);
    assert.deepEqual(mapping.scaling_config, { maximum_concurrency: 2 });
  });

  it('writes to a log group of its own, with retention, and may write only there', () => {
    const group = single(synth, 'aws_cloudwatch_log_group');
    assert.deepEqual([group.name, group.retention_in_days], ['/aws/lambda/todoer-dev-activity-consumer', 14]);
    const logs = rolePolicy(synth, 'todoer-dev-activity-consumer').find((statement) => statement.Sid === 'WriteLogs');
    assert.deepEqual(logs?.Action, ['logs:CreateLogStream', 'logs:PutLogEvents']);
    assert.match(String(logs?.Resource), /^\$\{aws_cloudwatch_log_group\.[^}]+\.arn\}:log-stream:\*$/);
  });

  it("grants its role its code's policy and the queue consumer actions on that queue only, assumable by Lambda only", () => {
    const statements = rolePolicy(synth, 'todoer-dev-activity-consumer');
    assert.deepEqual(statements.map((statement) => statement.Sid), ['WriteLogs', 'RecordActivity', 'ConsumeQueue']);
    const queue = statements.find((statement) => statement.Sid === 'ConsumeQueue')!;
    assert.deepEqual(queue.Action, ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes']);
    assert.equal(queue.Resource, QUEUE_ARN);
    const [role] = resources(synth, 'aws_iam_role');
    assert.deepEqual(JSON.parse(String(role!.assume_role_policy)).Statement[0].Principal, { Service: 'lambda.amazonaws.com' });
  });

  it("refuses a queue whose visibility timeout is under 6 × the function's timeout", () => {
    assert.throws(
      () => synthConstructs((scope) => new ConsumerFunctionConstruct(scope, 'consumer', props({ timeoutSeconds: 11 }))),
      /visibility timeout \(60 s\) must be at least 6 × the function's timeout \(11 s\)/,
    );
  });
});

describe('ConsumerFunctionConstruct on a schedule', () => {
  const synth = synthConstructs(
    (scope) => new ConsumerFunctionConstruct(scope, 'consumer', props({ name: 'reminder', trigger: { kind: 'schedule', expression: 'rate(1 minute)' } })),
  );

  it('is invoked every minute by EventBridge Scheduler, with a role that may invoke this function only', () => {
    const schedule = single(synth, 'aws_scheduler_schedule');
    assert.equal(schedule.schedule_expression, 'rate(1 minute)');
    const functionArn = `\${aws_lambda_function.${Object.keys(synth.resource.aws_lambda_function!)[0]}.arn}`;
    assert.equal((schedule.target as { arn: string }).arn, functionArn);
    assert.deepEqual(rolePolicy(synth, 'todoer-dev-reminder-consumer-schedule'), [
      { Sid: 'InvokeConsumer', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: functionArn },
    ]);
    const invoker = resources(synth, 'aws_iam_role').find((role) => role.name === 'todoer-dev-reminder-consumer-schedule')!;
    assert.deepEqual(JSON.parse(String(invoker.assume_role_policy)).Statement[0].Principal, { Service: 'scheduler.amazonaws.com' });
  });

  it('has no event source mapping and no queue grant', () => {
    assert.deepEqual(resources(synth, 'aws_lambda_event_source_mapping'), []);
    assert.ok(rolePolicy(synth, 'todoer-dev-reminder-consumer').every((statement) => statement.Sid !== 'ConsumeQueue'));
  });
});

describe('npm run build:lambdas', () => {
  const outRoot = mkdtempSync(path.join(tmpdir(), 'todoer-lambdas-'));
  after(() => rmSync(outRoot, { recursive: true, force: true }));

  it('bundles every consumer into one minified CommonJS file with its source map, exporting `handler`', async () => {
    const built = await buildLambdas(outRoot);
    assert.deepEqual(Object.keys(built).sort(), Object.keys(LAMBDA_FUNCTIONS).sort());
    for (const file of Object.values(built)) {
      assert.ok(existsSync(`${file}.map`), `${file}.map`);
      assert.deepEqual(JSON.parse(readFileSync(path.join(path.dirname(file), 'package.json'), 'utf8')), { type: 'commonjs' });
      const text = readFileSync(file, 'utf8');
      // Minified: long lines (only template literals keep their line breaks), no local names left as written.
      assert.ok(text.length / text.split('\n').length > 2000, 'minified');
      assert.ok(!text.includes('storeActivity') && !text.includes('authorDeletedSince'), 'names mangled');
      assert.match(text, /sourceMappingURL=index\.js\.map/);
      // Loaded as Lambda loads `index.handler`: require the file, call its export.
      const loaded = createRequire(import.meta.url)(file) as { handler?: unknown };
      assert.equal(typeof loaded.handler, 'function');
    }
  });
});

describe('the reminder consumer in the app stack', () => {
  const config = testConfig({ TODOER_ENV: 'dev', TODOER_SIZE: 'personal', TODOER_EMAIL_FROM: 'Todoer <no-reply@todoer.dev>' });
  const app = synthStack(buildApp(Testing.app(), config, testLambdaBundles()).app);
  const name = `${config.prefix}-reminder-consumer`;
  const fn = resources(app, 'aws_lambda_function').find((candidate) => candidate.function_name === name)!;

  it('runs worker/reminder-handler.ts on Lambda every minute through EventBridge Scheduler', () => {
    assert.ok(fn, 'the function exists');
    const schedule = resources(app, 'aws_scheduler_schedule').find((candidate) => candidate.name === name)!;
    assert.equal(schedule.schedule_expression, 'rate(1 minute)');
    assert.match(String((schedule.target as { arn: string }).arn), /aws_lambda_function\.reminder-consumer/);
    const variables = (fn.environment as { variables: Record<string, string> }).variables;
    assert.deepEqual(Object.keys(variables).sort(), ['APP_URL', 'EMAIL_FROM', 'LISTS_TABLE', 'NODE_OPTIONS', 'REMINDERS_TABLE', 'TODOS_TABLE', 'VAPID_PRIVATE_KEY_SECRET_ARN']);
    assert.equal(variables.EMAIL_FROM, 'Todoer <no-reply@todoer.dev>');
  });

  it('has its own role: the reminders table and its due index, the task, the membership, SES from the sender only, the Web Push key', () => {
    const statements = rolePolicy(app, name);
    const sids = statements.map((statement) => statement.Sid).sort();
    assert.deepEqual(sids, ['DueReminders', 'ReadMembership', 'ReadTask', 'ReadWebPushKey', 'Reminders', 'SendEmail', 'WriteLogs']);
    const due = statements.find((statement) => statement.Sid === 'DueReminders')!;
    assert.match(String(due.Resource), /aws_dynamodb_table\.reminders_\w+\.arn\}\/index\/DueRemindersIndex$/);
    assert.match(String(statements.find((statement) => statement.Sid === 'SendEmail')!.Resource), /^arn:aws:ses:.+:identity\/todoer\.dev$/);
    for (const statement of statements) assert.notEqual(statement.Resource, '*', statement.Sid);
  });

  it('is alarmed on its failed invocations', () => {
    const alarm = resources(app, 'aws_cloudwatch_metric_alarm').find((candidate) => candidate.alarm_name === `${name}-errors`)!;
    assert.deepEqual(alarm.dimensions, { FunctionName: name });
  });
});
