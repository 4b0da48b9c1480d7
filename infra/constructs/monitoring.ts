import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';

export type MonitoringProps = {
  readonly prefix: string;
  readonly loadBalancerArnSuffix: string;
  readonly targetGroupArnSuffix: string;
  /** Share of requests answered with a 5xx, in percent, that raises the alarm. */
  readonly errorRatePercent: number;
  /** The task-event pipeline's queues, by name. */
  readonly eventQueues: { readonly queueName: string; readonly deadLetterQueueName: string };
  /** The consumers on Lambda (ConsumerFunctionConstruct), each alarmed on its errors. */
  readonly consumerFunctionNames: readonly string[];
  /** Who gets the alarms by email (they must confirm the subscription). */
  readonly alarmEmail?: string;
};

/** Age of the oldest waiting event, in seconds, that means the activity consumer is failing or falling behind. */
export const MAX_EVENT_AGE_SECONDS = 300;

/**
 * Alarms on what users feel: a 5xx rate at the load balancer, and unhealthy tasks behind it; on the
 * task-event pipeline: events that failed for good (dead letters), and events left waiting; and on each
 * consumer function's errors (a crash, a timeout or a bad configuration fails its whole batch).
 */
export class MonitoringConstruct extends Construct {
  readonly alarmTopicArn: string;
  readonly alarmNames: string[];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const topic = new SnsTopic(this, 'alarms', { name: `${props.prefix}-alarms` });
    if (props.alarmEmail) {
      new SnsTopicSubscription(this, 'alarm-email', { topicArn: topic.arn, protocol: 'email', endpoint: props.alarmEmail });
    }
    const notify = { alarmActions: [topic.arn], okActions: [topic.arn] };
    const balancer = { LoadBalancer: props.loadBalancerArnSuffix };
    const elbMetric = (metricName: string) => ({
      namespace: 'AWS/ApplicationELB',
      metricName,
      dimensions: balancer,
      period: 60,
      stat: 'Sum',
    });

    const errorRate = new CloudwatchMetricAlarm(this, 'error-rate', {
      alarmName: `${props.prefix}-5xx-rate`,
      alarmDescription: `More than ${props.errorRatePercent}% of requests failed with a 5xx for 5 minutes`,
      comparisonOperator: 'GreaterThanThreshold',
      threshold: props.errorRatePercent,
      evaluationPeriods: 5,
      datapointsToAlarm: 5,
      treatMissingData: 'notBreaching',
      metricQuery: [
        { id: 'requests', metric: elbMetric('RequestCount') },
        { id: 'target5xx', metric: elbMetric('HTTPCode_Target_5XX_Count') },
        { id: 'elb5xx', metric: elbMetric('HTTPCode_ELB_5XX_Count') },
        {
          id: 'rate',
          label: '5xx responses (%)',
          expression: 'IF(requests > 0, 100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests, 0)',
          returnData: true,
        },
      ],
      ...notify,
    });
    const unhealthy = new CloudwatchMetricAlarm(this, 'unhealthy-targets', {
      alarmName: `${props.prefix}-unhealthy-targets`,
      alarmDescription: 'A task behind the load balancer has failed its liveness check (/api/health/live) for 3 minutes',
      namespace: 'AWS/ApplicationELB',
      metricName: 'UnHealthyHostCount',
      dimensions: { ...balancer, TargetGroup: props.targetGroupArnSuffix },
      statistic: 'Maximum',
      period: 60,
      evaluationPeriods: 3,
      comparisonOperator: 'GreaterThanThreshold',
      threshold: 0,
      treatMissingData: 'notBreaching',
      ...notify,
    });
    const noHealthy = new CloudwatchMetricAlarm(this, 'no-healthy-targets', {
      alarmName: `${props.prefix}-no-healthy-targets`,
      alarmDescription: 'No task is healthy: the app is down',
      namespace: 'AWS/ApplicationELB',
      metricName: 'HealthyHostCount',
      dimensions: { ...balancer, TargetGroup: props.targetGroupArnSuffix },
      statistic: 'Minimum',
      period: 60,
      evaluationPeriods: 2,
      comparisonOperator: 'LessThanThreshold',
      threshold: 1,
      treatMissingData: 'breaching',
      ...notify,
    });

    const queueMetric = (queueName: string, metricName: string) => ({
      namespace: 'AWS/SQS',
      metricName,
      dimensions: { QueueName: queueName },
      statistic: 'Maximum',
      period: 60,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      comparisonOperator: 'GreaterThanThreshold',
      // SQS stops sending the metrics of a queue that stays empty long enough.
      treatMissingData: 'notBreaching',
    });
    const deadLetters = new CloudwatchMetricAlarm(this, 'event-dead-letters', {
      alarmName: `${props.prefix}-event-dead-letters`,
      alarmDescription: 'A task event failed 5 times and waits in the dead-letter queue: its activity is missing',
      ...queueMetric(props.eventQueues.deadLetterQueueName, 'ApproximateNumberOfMessagesVisible'),
      threshold: 0,
      ...notify,
    });
    const eventAge = new CloudwatchMetricAlarm(this, 'event-age', {
      alarmName: `${props.prefix}-event-age`,
      alarmDescription: `A task event has waited more than ${MAX_EVENT_AGE_SECONDS / 60} minutes: the activity consumer is failing or behind`,
      ...queueMetric(props.eventQueues.queueName, 'ApproximateAgeOfOldestMessage'),
      threshold: MAX_EVENT_AGE_SECONDS,
      ...notify,
    });

    // Messages a handler reports failed are not errors (they come back on their own); these are invocations that failed whole.
    const consumerErrors = props.consumerFunctionNames.map(
      (functionName) =>
        new CloudwatchMetricAlarm(this, `${functionName}-errors`, {
          alarmName: `${functionName}-errors`,
          alarmDescription: `${functionName} failed whole invocations (crash, timeout or configuration) in the last 5 minutes`,
          namespace: 'AWS/Lambda',
          metricName: 'Errors',
          dimensions: { FunctionName: functionName },
          statistic: 'Sum',
          period: 300,
          evaluationPeriods: 1,
          comparisonOperator: 'GreaterThanThreshold',
          threshold: 0,
          // An idle function sends no datapoints.
          treatMissingData: 'notBreaching',
          ...notify,
        }),
    );

    this.alarmTopicArn = topic.arn;
    this.alarmNames = [
      errorRate.alarmName,
      unhealthy.alarmName,
      noHealthy.alarmName,
      deadLetters.alarmName,
      eventAge.alarmName,
      ...consumerErrors.map((alarm) => alarm.alarmName),
    ];
  }
}
