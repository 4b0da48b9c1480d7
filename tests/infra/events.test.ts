/** The task-event pipeline: topic → events queue (+ dead letters) → activity consumer (Lambda) → activity table; the app's outbox. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { Testing } from 'cdktf';
import { ActivityDataConstruct } from '../../infra/constructs/activity-data';
import { EventsConstruct } from '../../infra/constructs/events';
import type { PolicyStatement } from '../../infra/constructs/policy';
import { buildApp } from '../../infra/main';
import { asList, containers, policyStatements, resources, rolePolicy, single, synthConstructs, synthStack, testConfig, type Block, type Synthesized, testLambdaBundles } from '../../infra/testing';

/** `${type.<address>.<attribute>}` of the one resource of a type with this name. */
function reference(synth: Synthesized, type: string, name: string, attribute: string): string {
  const found = Object.entries(synth.resource[type] ?? {}).filter(([, block]) => block.name === name);
  assert.equal(found.length, 1, `one ${type} named ${name}`);
  return `\${${type}.${found[0]![0]}.${attribute}}`;
}

/** Every "Effect action resource" a policy grants, sorted: exact actions on exact resources, or the test fails. */
function grants(statements: readonly PolicyStatement[]): string[] {
  return statements
    .flatMap((statement) => asList(statement.Action).flatMap((action) => asList(statement.Resource).map((resource) => `${statement.Effect} ${action} ${resource}`)))
    .sort();
}

const byName = (synth: Synthesized, type: string) => Object.fromEntries(resources(synth, type).map((block) => [String(block.name), block]));

describe('EventsConstruct', () => {
  const events = synthConstructs((scope) => new EventsConstruct(scope, 'events', { prefix: 'todoer-dev' }));
  const queues = byName(events, 'aws_sqs_queue');
  const topic = single(events, 'aws_sns_topic');
  const topicArn = reference(events, 'aws_sns_topic', 'todoer-dev-task-events', 'arn');
  const queueArn = reference(events, 'aws_sqs_queue', 'todoer-dev-events', 'arn');
  const deadLettersArn = reference(events, 'aws_sqs_queue', 'todoer-dev-events-dlq', 'arn');

  it('encrypts the topic at rest with the AWS managed SNS key', () => {
    assert.equal(topic.name, 'todoer-dev-task-events');
    assert.equal(topic.kms_master_key_id, 'alias/aws/sns');
  });

  it('encrypts the events queue and its dead-letter queue (SSE-SQS), keeping dead letters 14 days', () => {
    assert.deepEqual(Object.keys(queues).sort(), ['todoer-dev-events', 'todoer-dev-events-dlq']);
    for (const queue of Object.values(queues)) {
      assert.equal(queue.sqs_managed_sse_enabled, true);
      assert.equal(queue.kms_master_key_id, undefined);
    }
    assert.equal(queues['todoer-dev-events-dlq']!.message_retention_seconds, 14 * 24 * 3600);
    assert.ok(Number(queues['todoer-dev-events']!.message_retention_seconds) < 14 * 24 * 3600);
  });

  it('moves a message to the dead-letter queue after 5 receives, and lets only the events queue do that', () => {
    const queue = queues['todoer-dev-events']!;
    assert.deepEqual(JSON.parse(String(queue.redrive_policy)), { deadLetterTargetArn: deadLettersArn, maxReceiveCount: 5 });
    assert.equal(queues['todoer-dev-events-dlq']!.redrive_policy, undefined);
    const allow = single(events, 'aws_sqs_queue_redrive_allow_policy');
    assert.equal(allow.queue_url, reference(events, 'aws_sqs_queue', 'todoer-dev-events-dlq', 'url'));
    assert.deepEqual(JSON.parse(String(allow.redrive_allow_policy)), { redrivePermission: 'byQueue', sourceQueueArns: [queueArn] });
  });

  it('hides a received message for 60 s, 6 × the consumer timeout, and long-polls', () => {
    assert.equal(queues['todoer-dev-events']!.visibility_timeout_seconds, 60);
    assert.equal(queues['todoer-dev-events']!.receive_wait_time_seconds, 20);
  });

  it('subscribes the events queue to the topic with raw message delivery', () => {
    assert.deepEqual(resources(events, 'aws_sns_topic_subscription'), [
      {
        topic_arn: topicArn,
        protocol: 'sqs',
        endpoint: queueArn,
        raw_message_delivery: true,
        depends_on: [`aws_sqs_queue_policy.${Object.keys(events.resource.aws_sqs_queue_policy!)[0]}`],
      },
    ]);
  });

  it('lets SNS send to the queue only on behalf of this topic (aws:SourceArn)', () => {
    const policy = single(events, 'aws_sqs_queue_policy');
    assert.equal(policy.queue_url, reference(events, 'aws_sqs_queue', 'todoer-dev-events', 'url'));
    assert.deepEqual(
      policyStatements(events).map(({ statement }) => statement),
      [
        {
          Sid: 'TopicDeliversEvents',
          Effect: 'Allow',
          Principal: { Service: 'sns.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: queueArn,
          Condition: { ArnEquals: { 'aws:SourceArn': topicArn } },
        },
      ],
    );
  });
});

describe('ActivityDataConstruct', () => {
  let indexArns: Readonly<Record<string, string>> = {};
  const data = synthConstructs((scope) => {
    indexArns = new ActivityDataConstruct(scope, 'activity', { activityTableName: 'activity', outboxTableName: 'outbox', protectData: false }).activity.indexArns;
  });
  const tables = byName(data, 'aws_dynamodb_table');

  it('keys activity by user_id + sk, per task (task_key + sk) and per list (list_id + sk) through indexes projecting ALL', () => {
    const activity = tables.activity!;
    assert.equal(activity.hash_key, 'user_id');
    assert.equal(activity.range_key, 'sk');
    assert.deepEqual(activity.attribute, [
      { name: 'user_id', type: 'S' },
      { name: 'sk', type: 'S' },
      { name: 'task_key', type: 'S' },
      { name: 'list_id', type: 'S' },
    ]);
    assert.deepEqual(activity.global_secondary_index, [
      { name: 'TaskActivityIndex', hash_key: 'task_key', range_key: 'sk', projection_type: 'ALL' },
      { name: 'ListActivityIndex', hash_key: 'list_id', range_key: 'sk', projection_type: 'ALL' },
    ]);
    assert.equal(activity.local_secondary_index, undefined);
    assert.deepEqual(Object.keys(indexArns), ['TaskActivityIndex', 'ListActivityIndex']);
    assert.match(indexArns.ListActivityIndex!, /\/index\/ListActivityIndex$/);
  });

  it('expires activity items by TTL on expires_at', () => {
    assert.deepEqual(tables.activity!.ttl, { attribute_name: 'expires_at', enabled: true });
  });

  it('keys the outbox by event_id alone', () => {
    const outbox = tables.outbox!;
    assert.equal(outbox.hash_key, 'event_id');
    assert.equal(outbox.range_key, undefined);
    assert.deepEqual(outbox.attribute, [{ name: 'event_id', type: 'S' }]);
    assert.equal(outbox.global_secondary_index, undefined);
  });

  it('makes both tables on-demand, encrypted and recoverable to any point in time', () => {
    for (const name of ['activity', 'outbox']) {
      assert.ok(
        Testing.toHaveResourceWithProperties(data.json, DynamodbTable.tfResourceType, {
          name,
          billing_mode: 'PAY_PER_REQUEST',
          point_in_time_recovery: { enabled: true },
          server_side_encryption: { enabled: true },
          deletion_protection_enabled: false,
        }),
        name,
      );
    }
  });

  it('protects both tables from deletion where data is protected', () => {
    const protectedData = synthConstructs((scope) => new ActivityDataConstruct(scope, 'activity', { activityTableName: 'a', outboxTableName: 'o', protectData: true }));
    assert.deepEqual(resources(protectedData, 'aws_dynamodb_table').map((table) => table.deletion_protection_enabled), [true, true]);
  });
});

type AppContainer = Block & { environment: { name: string; value: string }[] };

describe('the pipeline in the app stack', () => {
  // Every size runs the activity consumer on Lambda; none has a worker service or container left.
  for (const [environment, size] of [['dev', 'personal'], ['dev', 'standard'], ['prod', 'ha']] as const) {
    describe(`${environment} (${size})`, () => {
      const app = synthStack(buildApp(Testing.app(), testConfig({ TODOER_ENV: environment, TODOER_SIZE: size }), testLambdaBundles()).app);
      const suffix = environment === 'dev' ? '-dev' : '';
      const consumerName = `todoer-${environment}-activity-consumer`;
      const topicArn = reference(app, 'aws_sns_topic', `todoer-${environment}-task-events`, 'arn');
      const queueArn = reference(app, 'aws_sqs_queue', `todoer-${environment}-events`, 'arn');
      const activityArn = reference(app, 'aws_dynamodb_table', `activity${suffix}`, 'arn');
      const sessionsArn = reference(app, 'aws_dynamodb_table', `sessions${suffix}`, 'arn');
      const outboxArn = reference(app, 'aws_dynamodb_table', `outbox${suffix}`, 'arn');
      // The activity consumer among the stack's functions (the reminder consumer is tests/infra/consumers.test.ts's).
      const consumer = resources(app, 'aws_lambda_function').find((fn) => fn.function_name === consumerName)!;
      const logGroupArn = reference(app, 'aws_cloudwatch_log_group', `/aws/lambda/${consumerName}`, 'arn');

      it('runs no worker: one ECS service (the app), whose task has the app container only', () => {
        assert.deepEqual(resources(app, 'aws_ecs_service').map((service) => service.name), [`todoer-${environment}-app`]);
        assert.deepEqual(resources(app, 'aws_ecs_task_definition').map((task) => task.family), [`todoer-${environment}-app`]);
        assert.deepEqual(containers<{ name: string }>(app, `todoer-${environment}-app`).map((container) => container.name), ['app']);
        assert.ok(!app.json.includes('worker.cjs'));
        assert.deepEqual(resources(app, 'aws_cloudwatch_log_group').map((group) => group.name).filter((name) => String(name).includes('worker')), []);
      });

      it('drains the events queue with the activity consumer on Lambda, reporting partial batch failures', () => {
        assert.equal(consumer.function_name, consumerName);
        const mapping = single(app, 'aws_lambda_event_source_mapping');
        assert.equal(mapping.event_source_arn, queueArn);
        const address = Object.entries(app.resource.aws_lambda_function!).find(([, fn]) => fn.function_name === consumerName)![0];
        assert.equal(mapping.function_name, `\${aws_lambda_function.${address}.arn}`);
        assert.deepEqual(mapping.function_response_types, ['ReportBatchItemFailures']);
        const sized = testConfig({ TODOER_ENV: environment, TODOER_SIZE: size }).activityConsumer;
        assert.equal(mapping.batch_size, sized.batchSize);
        assert.equal(mapping.maximum_batching_window_in_seconds, sized.maxBatchingWindowSeconds);
        assert.deepEqual(mapping.scaling_config, { maximum_concurrency: sized.maxConcurrency });
        assert.equal(consumer.reserved_concurrent_executions, sized.reservedConcurrency);
      });

      it("keeps the queue's visibility timeout at least 6 × the function's timeout", () => {
        const queue = byName(app, 'aws_sqs_queue')[`todoer-${environment}-events`]!;
        assert.ok(Number(queue.visibility_timeout_seconds) >= 6 * Number(consumer.timeout), `${queue.visibility_timeout_seconds} vs ${consumer.timeout}`);
      });

      it("grants the consumer's role exactly its queue, PutItem on activity, GetItem on sessions and its own log group", () => {
        assert.deepEqual(grants(rolePolicy(app, consumerName)), [
          `Allow dynamodb:GetItem ${sessionsArn}`,
          `Allow dynamodb:PutItem ${activityArn}`,
          `Allow logs:CreateLogStream ${logGroupArn}:log-stream:*`,
          `Allow logs:PutLogEvents ${logGroupArn}:log-stream:*`,
          `Allow sqs:ChangeMessageVisibility ${queueArn}`,
          `Allow sqs:DeleteMessage ${queueArn}`,
          `Allow sqs:GetQueueAttributes ${queueArn}`,
          `Allow sqs:ReceiveMessage ${queueArn}`,
        ]);
        assert.equal(consumer.role, reference(app, 'aws_iam_role', consumerName, 'arn'));
        // The app's task role no longer consumes the queue.
        assert.ok(grants(rolePolicy(app, 'app')).every((grant) => !grant.includes(queueArn)));
      });

      it('lets only the app publish, and only to the events topic', () => {
        const publishers = policyStatements(app).filter(({ statement }) => asList(statement.Action).some((action) => action.startsWith('sns:')));
        assert.deepEqual(
          publishers.map(({ type, statement }) => [type, statement.Action, statement.Resource]),
          [['aws_iam_role_policy', 'sns:Publish', topicArn]],
        );
        assert.ok(rolePolicy(app, 'app').some((statement) => statement.Sid === 'PublishTaskEvents'));
      });

      it('grants the app the legacy outbox it drains and the activity it reads and deletes, nothing more', () => {
        const pipeline = grants(rolePolicy(app, 'app')).filter((grant) => grant.includes(activityArn) || grant.includes(outboxArn));
        assert.deepEqual(pipeline, [
          `Allow dynamodb:BatchWriteItem ${activityArn}`,
          `Allow dynamodb:DeleteItem ${outboxArn}`,
          `Allow dynamodb:Query ${activityArn}`,
          `Allow dynamodb:Query ${activityArn}/index/ListActivityIndex`,
          `Allow dynamodb:Query ${activityArn}/index/TaskActivityIndex`,
          `Allow dynamodb:Scan ${outboxArn}`,
          `Allow dynamodb:UpdateItem ${outboxArn}`,
        ]);
      });

      it('tells the app and the consumer where the pipeline is', () => {
        const appEnv = Object.fromEntries(containers<AppContainer>(app, `todoer-${environment}-app`)[0]!.environment.map(({ name, value }) => [name, value]));
        assert.equal(appEnv.EVENTS_TOPIC_ARN, topicArn);
        assert.equal(appEnv.ACTIVITY_TABLE, reference(app, 'aws_dynamodb_table', `activity${suffix}`, 'name'));
        assert.equal(appEnv.OUTBOX_TABLE, reference(app, 'aws_dynamodb_table', `outbox${suffix}`, 'name'));
        assert.deepEqual((consumer.environment as { variables: Record<string, string> }).variables, {
          ACTIVITY_TABLE: reference(app, 'aws_dynamodb_table', `activity${suffix}`, 'name'),
          SESSIONS_TABLE: reference(app, 'aws_dynamodb_table', `sessions${suffix}`, 'name'),
          NODE_OPTIONS: '--enable-source-maps',
        });
      });

      it("keeps the consumer's logs in its own group, for the environment's retention", () => {
        const group = resources(app, 'aws_cloudwatch_log_group').find((candidate) => candidate.name === `/aws/lambda/${consumerName}`);
        assert.equal(group?.retention_in_days, environment === 'dev' ? 14 : 90);
        assert.equal((consumer.logging_config as { log_group: string }).log_group, reference(app, 'aws_cloudwatch_log_group', `/aws/lambda/${consumerName}`, 'name'));
      });

      it('alarms on dead letters, on old events and on consumer errors, to the alarm topic', () => {
        const alarms = Object.fromEntries(resources(app, 'aws_cloudwatch_metric_alarm').map((alarm) => [String(alarm.alarm_name), alarm]));
        const alarmTopic = reference(app, 'aws_sns_topic', `todoer-${environment}-alarms`, 'arn');
        const deadLetters = alarms[`todoer-${environment}-event-dead-letters`]!;
        assert.deepEqual(deadLetters.dimensions, { QueueName: reference(app, 'aws_sqs_queue', `todoer-${environment}-events-dlq`, 'name') });
        assert.deepEqual([deadLetters.metric_name, deadLetters.threshold, deadLetters.period], ['ApproximateNumberOfMessagesVisible', 0, 60]);
        const age = alarms[`todoer-${environment}-event-age`]!;
        assert.deepEqual(age.dimensions, { QueueName: reference(app, 'aws_sqs_queue', `todoer-${environment}-events`, 'name') });
        assert.deepEqual([age.metric_name, age.threshold], ['ApproximateAgeOfOldestMessage', 300]);
        const errors = alarms[`${consumerName}-errors`]!;
        assert.deepEqual([errors.namespace, errors.metric_name, errors.statistic, errors.threshold], ['AWS/Lambda', 'Errors', 'Sum', 0]);
        assert.deepEqual(errors.dimensions, { FunctionName: consumerName });
        for (const alarm of [deadLetters, age, errors]) assert.deepEqual(alarm.alarm_actions, [alarmTopic]);
      });

      it('outputs the topic, the queues, the tables and the consumer', () => {
        assert.deepEqual(
          Object.fromEntries(
            [
              'events_topic_arn', 'events_queue_url', 'events_dlq_url', 'activity_table_name', 'outbox_table_name',
              'activity_consumer_function_name', 'activity_consumer_log_group_name',
            ].map((name) => [name, app.output[name]?.value]),
          ),
          {
            events_topic_arn: topicArn,
            events_queue_url: reference(app, 'aws_sqs_queue', `todoer-${environment}-events`, 'url'),
            events_dlq_url: reference(app, 'aws_sqs_queue', `todoer-${environment}-events-dlq`, 'url'),
            activity_table_name: reference(app, 'aws_dynamodb_table', `activity${suffix}`, 'name'),
            outbox_table_name: reference(app, 'aws_dynamodb_table', `outbox${suffix}`, 'name'),
            activity_consumer_function_name: consumerName,
            activity_consumer_log_group_name: reference(app, 'aws_cloudwatch_log_group', `/aws/lambda/${consumerName}`, 'name'),
          },
        );
        assert.equal(app.output.worker_service_name, undefined);
      });

      it(`${environment === 'prod' ? 'protects' : 'does not protect'} the pipeline tables from deletion`, () => {
        const tables = byName(app, 'aws_dynamodb_table');
        for (const name of [`activity${suffix}`, `outbox${suffix}`]) assert.equal(tables[name]!.deletion_protection_enabled, environment === 'prod');
      });
    });
  }
});
