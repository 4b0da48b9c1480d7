import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MonitoringConstruct } from '../../infra/constructs/monitoring';
import { resources, single, synthConstructs } from '../../infra/testing';

const props = {
  prefix: 'todoer-dev',
  loadBalancerArnSuffix: 'app/todoer-dev-alb/123',
  targetGroupArnSuffix: 'targetgroup/todoer-dev-app/456',
  errorRatePercent: 5,
  eventQueues: { queueName: 'todoer-dev-events', deadLetterQueueName: 'todoer-dev-events-dlq' },
  consumerFunctionNames: ['todoer-dev-activity-consumer'],
};

describe('MonitoringConstruct', () => {
  const monitoring = synthConstructs((scope) => new MonitoringConstruct(scope, 'monitoring', { ...props, alarmEmail: 'ops@example.com' }));
  const alarms = Object.fromEntries(resources(monitoring, 'aws_cloudwatch_metric_alarm').map((alarm) => [String(alarm.alarm_name), alarm]));

  it('alarms when more than 5% of requests end in a 5xx', () => {
    const alarm = alarms['todoer-dev-5xx-rate']!;
    assert.equal(alarm.threshold, 5);
    assert.equal(alarm.comparison_operator, 'GreaterThanThreshold');
    const queries = alarm.metric_query as { id: string; expression?: string; metric?: { metric_name: string; dimensions: Record<string, string> } }[];
    assert.deepEqual(queries.filter((query) => query.metric).map((query) => query.metric!.metric_name), ['RequestCount', 'HTTPCode_Target_5XX_Count', 'HTTPCode_ELB_5XX_Count']);
    assert.ok(queries.every((query) => !query.metric || query.metric.dimensions.LoadBalancer === props.loadBalancerArnSuffix));
    assert.match(String(queries.find((query) => query.id === 'rate')?.expression), /100 \* .*\/ requests/);
  });

  it('alarms on unhealthy targets and on having no healthy target', () => {
    assert.equal(alarms['todoer-dev-unhealthy-targets']?.metric_name, 'UnHealthyHostCount');
    assert.deepEqual(alarms['todoer-dev-unhealthy-targets']?.dimensions, { LoadBalancer: props.loadBalancerArnSuffix, TargetGroup: props.targetGroupArnSuffix });
    assert.equal(alarms['todoer-dev-no-healthy-targets']?.metric_name, 'HealthyHostCount');
  });

  it('alarms as soon as one task event lands in the dead-letter queue', () => {
    const alarm = alarms['todoer-dev-event-dead-letters']!;
    assert.equal(alarm.namespace, 'AWS/SQS');
    assert.equal(alarm.metric_name, 'ApproximateNumberOfMessagesVisible');
    assert.deepEqual(alarm.dimensions, { QueueName: 'todoer-dev-events-dlq' });
    assert.equal(alarm.comparison_operator, 'GreaterThanThreshold');
    assert.equal(alarm.threshold, 0);
    assert.equal(alarm.period, 60);
    assert.equal(alarm.evaluation_periods, 1);
    assert.equal(alarm.datapoints_to_alarm, 1);
  });

  it('alarms when the oldest task event has waited more than 5 minutes', () => {
    const alarm = alarms['todoer-dev-event-age']!;
    assert.equal(alarm.namespace, 'AWS/SQS');
    assert.equal(alarm.metric_name, 'ApproximateAgeOfOldestMessage');
    assert.deepEqual(alarm.dimensions, { QueueName: 'todoer-dev-events' });
    assert.equal(alarm.comparison_operator, 'GreaterThanThreshold');
    assert.equal(alarm.threshold, 300);
    assert.equal(alarm.statistic, 'Maximum');
    assert.equal(alarm.period, 60);
  });

  it("alarms on each consumer function's failed invocations", () => {
    const alarm = alarms['todoer-dev-activity-consumer-errors']!;
    assert.deepEqual([alarm.namespace, alarm.metric_name, alarm.statistic], ['AWS/Lambda', 'Errors', 'Sum']);
    assert.deepEqual(alarm.dimensions, { FunctionName: 'todoer-dev-activity-consumer' });
    assert.deepEqual([alarm.comparison_operator, alarm.threshold, alarm.period], ['GreaterThanThreshold', 0, 300]);
    assert.equal(alarm.treat_missing_data, 'notBreaching');
  });

  it('notifies the alarm topic, and the configured email', () => {
    assert.equal(Object.keys(alarms).length, 6);
    for (const alarm of Object.values(alarms)) assert.match(String((alarm.alarm_actions as string[])[0]), /aws_sns_topic\./);
    assert.equal(single(monitoring, 'aws_sns_topic_subscription').endpoint, 'ops@example.com');
    const quiet = synthConstructs((scope) => new MonitoringConstruct(scope, 'monitoring', props));
    assert.equal(resources(quiet, 'aws_sns_topic_subscription').length, 0);
  });
});
