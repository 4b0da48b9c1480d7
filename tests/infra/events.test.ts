/** The task-event pipeline: topic → events queue (+ dead letters) → worker → activity table; the app's outbox. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';
import { Testing } from 'cdktf';
import { ActivityDataConstruct } from '../../infra/constructs/activity-data';
import { EventsConstruct } from '../../infra/constructs/events';
import type { PolicyStatement } from '../../infra/constructs/policy';
import { WORKER_COMMAND, WorkerConstruct } from '../../infra/constructs/worker';
import { buildApp } from '../../infra/main';
import { asList, containers, policyStatements, resources, rolePolicy, single, synthConstructs, synthStack, testConfig, type Block, type Synthesized } from '../../infra/testing';

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

  it('hides a received message for 60 s, above the worker processing time, and long-polls', () => {
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

type WorkerContainer = Block & {
  image: string;
  command: string[];
  workingDirectory: string;
  environment: { name: string; value: string }[];
  logConfiguration: { options: Record<string, string> };
};

describe('WorkerConstruct', () => {
  const taskPolicy: PolicyStatement[] = [{ Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:todoer-dev-events' }];
  const worker = synthConstructs(
    (scope) =>
      new WorkerConstruct(scope, 'worker', {
        prefix: 'todoer-dev',
        region: 'us-east-1',
        cluster: {
          arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/todoer-dev',
          ready: new EcsClusterCapacityProviders(scope, 'capacity', { clusterName: 'todoer-dev', capacityProviders: ['FARGATE'] }),
        },
        network: { vpcId: 'vpc-1', subnetIds: ['subnet-private-a', 'subnet-private-b'], assignPublicIp: false },
        image: { uri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/todoer-dev:abc123', repositoryArn: 'arn:aws:ecr:us-east-1:123456789012:repository/todoer-dev' },
        cpuArchitecture: 'ARM64',
        spot: false,
        cpu: 256,
        memory: 512,
        tasks: 1,
        logRetentionDays: 14,
        environment: { AWS_REGION: 'us-east-1', EVENTS_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/todoer-dev-events', ACTIVITY_TABLE: 'activity' },
        taskPolicy,
      }),
  );
  const service = single(worker, 'aws_ecs_service');
  const task = single(worker, 'aws_ecs_task_definition');
  const [container] = containers<WorkerContainer>(worker, 'todoer-dev-worker');

  it('runs the app image as `node worker.cjs` in /app, one task, in the given cluster', () => {
    assert.deepEqual(WORKER_COMMAND, ['node', 'worker.cjs']);
    assert.deepEqual(container!.command, ['node', 'worker.cjs']);
    assert.equal(container!.workingDirectory, '/app');
    assert.equal(container!.image, '123456789012.dkr.ecr.us-east-1.amazonaws.com/todoer-dev:abc123');
    assert.equal(service.name, 'todoer-dev-worker');
    assert.equal(service.cluster, 'arn:aws:ecs:us-east-1:123456789012:cluster/todoer-dev');
    assert.equal(service.desired_count, 1);
    assert.equal(service.launch_type, 'FARGATE');
    assert.deepEqual([task.family, task.cpu, task.memory, task.network_mode], ['todoer-dev-worker', '256', '512', 'awsvpc']);
    assert.deepEqual(task.runtime_platform, { operating_system_family: 'LINUX', cpu_architecture: 'ARM64' });
  });

  it('serves nothing: no load balancer, no port mappings, no fake health check, no inbound rule', () => {
    assert.equal(service.load_balancer, undefined);
    assert.equal(service.health_check_grace_period_seconds, undefined);
    assert.equal(container!.portMappings, undefined);
    assert.equal(container!.healthCheck, undefined);
    assert.deepEqual(resources(worker, 'aws_vpc_security_group_ingress_rule'), []);
    const egress = single(worker, 'aws_vpc_security_group_egress_rule');
    assert.deepEqual([egress.ip_protocol, egress.from_port, egress.to_port], ['tcp', 443, 443]);
    assert.deepEqual(service.network_configuration, {
      subnets: ['subnet-private-a', 'subnet-private-b'],
      security_groups: [`\${aws_security_group.${Object.keys(worker.resource.aws_security_group!)[0]}.id}`],
      assign_public_ip: false,
    });
  });

  it('rolls deployments with a circuit breaker that rolls back', () => {
    assert.deepEqual(service.deployment_circuit_breaker, { enable: true, rollback: true });
    assert.equal(service.wait_for_steady_state, false);
  });

  it('logs to its own group, kept as long as the app logs', () => {
    assert.deepEqual(
      resources(worker, 'aws_cloudwatch_log_group').map((group) => [group.name, group.retention_in_days]),
      [['/ecs/todoer-dev-worker', 14]],
    );
    assert.equal(container!.logConfiguration.options['awslogs-stream-prefix'], 'worker');
  });

  it('gets its environment, and its own roles: the given task policy, and pull + logs to execute', () => {
    assert.deepEqual(container!.environment.map(({ name }) => name), ['AWS_REGION', 'EVENTS_QUEUE_URL', 'ACTIVITY_TABLE']);
    assert.equal(container!.secrets, undefined);
    assert.deepEqual(rolePolicy(worker, 'worker'), taskPolicy);
    assert.deepEqual(
      rolePolicy(worker, 'pull-image-write-logs').map((statement) => statement.Sid),
      ['RegistryLogin', 'PullAppImage', 'WriteLogs'],
    );
    assert.deepEqual(resources(worker, 'aws_iam_role').map((role) => role.name).sort(), ['todoer-dev-worker', 'todoer-dev-worker-execution']);
  });
});

describe('the pipeline in the app stack', () => {
  // The sizes whose worker is a service of its own; personal runs it in the app's task (below).
  for (const environment of ['dev', 'prod'] as const) {
    describe(`${environment} (${environment === 'dev' ? 'standard' : 'ha'})`, () => {
      const app = synthStack(buildApp(Testing.app(), testConfig({ TODOER_ENV: environment, TODOER_SIZE: environment === 'dev' ? 'standard' : 'ha' })).app);
      const suffix = environment === 'dev' ? '-dev' : '';
      const topicArn = reference(app, 'aws_sns_topic', `todoer-${environment}-task-events`, 'arn');
      const queueArn = reference(app, 'aws_sqs_queue', `todoer-${environment}-events`, 'arn');
      const activityArn = reference(app, 'aws_dynamodb_table', `activity${suffix}`, 'arn');
      const outboxArn = reference(app, 'aws_dynamodb_table', `outbox${suffix}`, 'arn');

      it('grants the worker task role exactly the queue consumer actions on the queue, PutItem on activity and GetItem on sessions', () => {
        const sessionsArn = reference(app, 'aws_dynamodb_table', `sessions${suffix}`, 'arn');
        assert.deepEqual(grants(rolePolicy(app, 'worker')), [
          `Allow dynamodb:GetItem ${sessionsArn}`,
          `Allow dynamodb:PutItem ${activityArn}`,
          `Allow sqs:ChangeMessageVisibility ${queueArn}`,
          `Allow sqs:DeleteMessage ${queueArn}`,
          `Allow sqs:GetQueueAttributes ${queueArn}`,
          `Allow sqs:ReceiveMessage ${queueArn}`,
        ]);
        assert.ok(rolePolicy(app, 'worker').every((statement) => !asList(statement.Resource).includes('*') && statement.Condition === undefined));
      });

      it('lets the worker execution role pull the image and write to the worker log group only', () => {
        const execution = rolePolicy(app, 'pull-image-write-logs');
        const logs = execution.find((statement) => statement.Sid === 'WriteLogs');
        assert.equal(logs?.Resource, `${reference(app, 'aws_cloudwatch_log_group', `/ecs/todoer-${environment}-worker`, 'arn')}:log-stream:*`);
        assert.ok(execution.every((statement) => statement.Sid === 'RegistryLogin' || !asList(statement.Resource).includes('*')));
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

      it('tells the app and the worker where the pipeline is', () => {
        const env = (family: string) =>
          Object.fromEntries(containers<WorkerContainer>(app, family)[0]!.environment.map(({ name, value }) => [name, value]));
        const appEnv = env(`todoer-${environment}-app`);
        assert.equal(appEnv.EVENTS_TOPIC_ARN, topicArn);
        assert.equal(appEnv.ACTIVITY_TABLE, reference(app, 'aws_dynamodb_table', `activity${suffix}`, 'name'));
        assert.equal(appEnv.OUTBOX_TABLE, reference(app, 'aws_dynamodb_table', `outbox${suffix}`, 'name'));
        assert.deepEqual(env(`todoer-${environment}-worker`), {
          AWS_REGION: 'us-east-1',
          EVENTS_QUEUE_URL: reference(app, 'aws_sqs_queue', `todoer-${environment}-events`, 'url'),
          ACTIVITY_TABLE: reference(app, 'aws_dynamodb_table', `activity${suffix}`, 'name'),
          SESSIONS_TABLE: reference(app, 'aws_dynamodb_table', `sessions${suffix}`, 'name'),
        });
      });

      it('runs the worker in the app cluster and private subnets, with the same image, its own task role', () => {
        const services = byName(app, 'aws_ecs_service');
        const [appService, worker] = [services[`todoer-${environment}-app`]!, services[`todoer-${environment}-worker`]!];
        assert.equal(worker.cluster, appService.cluster);
        assert.deepEqual((worker.network_configuration as { subnets: string[] }).subnets, (appService.network_configuration as { subnets: string[] }).subnets);
        assert.equal(worker.desired_count, 1);
        assert.equal(containers<WorkerContainer>(app, `todoer-${environment}-worker`)[0]!.image, containers<WorkerContainer>(app, `todoer-${environment}-app`)[0]!.image);
        const taskRole = (family: string) => resources(app, 'aws_ecs_task_definition').find((task) => task.family === family)?.task_role_arn;
        assert.equal(taskRole(`todoer-${environment}-worker`), reference(app, 'aws_iam_role', `todoer-${environment}-worker`, 'arn'));
        assert.equal(taskRole(`todoer-${environment}-app`), reference(app, 'aws_iam_role', `todoer-${environment}-task`, 'arn'));
        assert.equal(
          resources(app, 'aws_cloudwatch_log_group').find((group) => group.name === `/ecs/todoer-${environment}-worker`)?.retention_in_days,
          environment === 'dev' ? 14 : 90,
        );
      });

      it('alarms on dead letters and on old events of its own queues, to the alarm topic', () => {
        const alarms = Object.fromEntries(resources(app, 'aws_cloudwatch_metric_alarm').map((alarm) => [String(alarm.alarm_name), alarm]));
        const alarmTopic = reference(app, 'aws_sns_topic', `todoer-${environment}-alarms`, 'arn');
        const deadLetters = alarms[`todoer-${environment}-event-dead-letters`]!;
        assert.deepEqual(deadLetters.dimensions, { QueueName: reference(app, 'aws_sqs_queue', `todoer-${environment}-events-dlq`, 'name') });
        assert.deepEqual([deadLetters.metric_name, deadLetters.threshold, deadLetters.period], ['ApproximateNumberOfMessagesVisible', 0, 60]);
        const age = alarms[`todoer-${environment}-event-age`]!;
        assert.deepEqual(age.dimensions, { QueueName: reference(app, 'aws_sqs_queue', `todoer-${environment}-events`, 'name') });
        assert.deepEqual([age.metric_name, age.threshold], ['ApproximateAgeOfOldestMessage', 300]);
        for (const alarm of [deadLetters, age]) assert.deepEqual(alarm.alarm_actions, [alarmTopic]);
      });

      it('outputs the topic, the queues, the tables and the worker service', () => {
        assert.deepEqual(
          Object.fromEntries(
            ['events_topic_arn', 'events_queue_url', 'events_dlq_url', 'activity_table_name', 'outbox_table_name', 'worker_service_name', 'worker_log_group_name'].map(
              (name) => [name, app.output[name]?.value],
            ),
          ),
          {
            events_topic_arn: topicArn,
            events_queue_url: reference(app, 'aws_sqs_queue', `todoer-${environment}-events`, 'url'),
            events_dlq_url: reference(app, 'aws_sqs_queue', `todoer-${environment}-events-dlq`, 'url'),
            activity_table_name: reference(app, 'aws_dynamodb_table', `activity${suffix}`, 'name'),
            outbox_table_name: reference(app, 'aws_dynamodb_table', `outbox${suffix}`, 'name'),
            worker_service_name: reference(app, 'aws_ecs_service', `todoer-${environment}-worker`, 'name'),
            worker_log_group_name: reference(app, 'aws_cloudwatch_log_group', `/ecs/todoer-${environment}-worker`, 'name'),
          },
        );
      });

      it(`${environment === 'prod' ? 'protects' : 'does not protect'} the pipeline tables from deletion`, () => {
        const tables = byName(app, 'aws_dynamodb_table');
        for (const name of [`activity${suffix}`, `outbox${suffix}`]) assert.equal(tables[name]!.deletion_protection_enabled, environment === 'prod');
      });
    });
  }
});

describe('the pipeline in the personal size: the worker in the app task', () => {
  const app = synthStack(buildApp(Testing.app(), testConfig({ TODOER_ENV: 'dev' })).app);
  const [appContainer, workerContainer] = containers<WorkerContainer & { name: string }>(app, 'todoer-dev-app');
  const queueArn = reference(app, 'aws_sqs_queue', 'todoer-dev-events', 'arn');
  const activityArn = reference(app, 'aws_dynamodb_table', 'activity-dev', 'arn');

  it('runs no worker service or task definition of its own, but a worker container beside the app', () => {
    assert.deepEqual(resources(app, 'aws_ecs_service').map((service) => service.name), ['todoer-dev-app']);
    assert.deepEqual(resources(app, 'aws_ecs_task_definition').map((task) => task.family), ['todoer-dev-app']);
    assert.deepEqual([appContainer!.name, workerContainer!.name], ['app', 'worker']);
    assert.deepEqual(workerContainer!.command, WORKER_COMMAND);
    assert.equal(workerContainer!.image, appContainer!.image);
    assert.deepEqual(Object.fromEntries(workerContainer!.environment.map(({ name, value }) => [name, value])), {
      AWS_REGION: 'us-east-1',
      EVENTS_QUEUE_URL: reference(app, 'aws_sqs_queue', 'todoer-dev-events', 'url'),
      ACTIVITY_TABLE: reference(app, 'aws_dynamodb_table', 'activity-dev', 'name'),
      SESSIONS_TABLE: reference(app, 'aws_dynamodb_table', 'sessions-dev', 'name'),
    });
  });

  it("adds exactly the worker's grants to the shared task role, and its log group to the execution role", () => {
    const consumer = grants(rolePolicy(app, 'app')).filter((grant) => grant.includes(queueArn) || grant.startsWith(`Allow dynamodb:PutItem ${activityArn}`));
    assert.deepEqual(consumer, [
      `Allow dynamodb:PutItem ${activityArn}`,
      `Allow sqs:ChangeMessageVisibility ${queueArn}`,
      `Allow sqs:DeleteMessage ${queueArn}`,
      `Allow sqs:GetQueueAttributes ${queueArn}`,
      `Allow sqs:ReceiveMessage ${queueArn}`,
    ]);
    const logs = rolePolicy(app, 'pull-image-write-logs-read-secrets').find((statement) => statement.Sid === 'WriteLogs');
    assert.deepEqual(logs?.Resource, [
      `${reference(app, 'aws_cloudwatch_log_group', '/ecs/todoer-dev', 'arn')}:log-stream:*`,
      `${reference(app, 'aws_cloudwatch_log_group', '/ecs/todoer-dev-worker', 'arn')}:log-stream:*`,
    ]);
    assert.equal(workerContainer!.logConfiguration.options['awslogs-group'], reference(app, 'aws_cloudwatch_log_group', '/ecs/todoer-dev-worker', 'name'));
  });

  it('outputs the app service as the worker service, and the worker log group', () => {
    assert.equal(app.output.worker_service_name?.value, reference(app, 'aws_ecs_service', 'todoer-dev-app', 'name'));
    assert.equal(app.output.worker_log_group_name?.value, reference(app, 'aws_cloudwatch_log_group', '/ecs/todoer-dev-worker', 'name'));
  });
});
