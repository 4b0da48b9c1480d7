import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { SqsQueueRedriveAllowPolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy';
import { Construct } from 'constructs';
import { policyDocument } from './policy';

/** The AWS managed key of SNS: its key policy lets every principal of the account use it through SNS. */
export const TOPIC_KEY = 'alias/aws/sns';
/** Receives before a message counts as poison and moves to the dead-letter queue. */
export const MAX_RECEIVE_COUNT = 5;
/** At least 6 × the activity consumer's function timeout (AWS's guidance; ConsumerFunctionConstruct checks it). */
export const VISIBILITY_TIMEOUT_SECONDS = 60;
const FOUR_DAYS = 4 * 24 * 3600;
const FOURTEEN_DAYS = 14 * 24 * 3600;

export type EventsProps = {
  readonly prefix: string;
};

/**
 * The task-event pipeline's messaging: the app publishes to an SNS topic, which delivers the raw
 * message to the `events` queue the activity consumer (a Lambda function) drains; a message that fails 5 times moves to a
 * dead-letter queue, kept 14 days. Everything is encrypted at rest: the topic with SNS's AWS managed
 * key, the queues with SQS-managed keys (SSE-SQS), which SNS can deliver to without a key policy.
 */
export class EventsConstruct extends Construct {
  readonly topicArn: string;
  readonly queueArn: string;
  readonly queueUrl: string;
  readonly queueName: string;
  readonly deadLetterQueueArn: string;
  readonly deadLetterQueueUrl: string;
  readonly deadLetterQueueName: string;

  constructor(scope: Construct, id: string, props: EventsProps) {
    super(scope, id);
    const topic = new SnsTopic(this, 'topic', { name: `${props.prefix}-task-events`, kmsMasterKeyId: TOPIC_KEY });

    const deadLetters = new SqsQueue(this, 'dead-letters', {
      name: `${props.prefix}-events-dlq`,
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: FOURTEEN_DAYS,
    });
    const queue = new SqsQueue(this, 'queue', {
      name: `${props.prefix}-events`,
      sqsManagedSseEnabled: true,
      visibilityTimeoutSeconds: VISIBILITY_TIMEOUT_SECONDS,
      // Shorter than the dead-letter queue's: a moved message keeps its first enqueue time.
      messageRetentionSeconds: FOUR_DAYS,
      // Long polling: a poller waits for messages instead of asking again and again.
      receiveWaitTimeSeconds: 20,
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetters.arn, maxReceiveCount: MAX_RECEIVE_COUNT }),
    });
    // Only the events queue may use the dead-letter queue (a separate resource: the queues name each other).
    new SqsQueueRedriveAllowPolicy(this, 'dead-letters-redrive-allow', {
      queueUrl: deadLetters.url,
      redriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [queue.arn] }),
    });

    const queuePolicy = new SqsQueuePolicy(this, 'queue-policy', {
      queueUrl: queue.url,
      policy: policyDocument([
        {
          Sid: 'TopicDeliversEvents',
          Effect: 'Allow',
          Principal: { Service: 'sns.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: queue.arn,
          Condition: { ArnEquals: { 'aws:SourceArn': topic.arn } },
        },
      ]),
    });
    new SnsTopicSubscription(this, 'queue-subscription', {
      topicArn: topic.arn,
      protocol: 'sqs',
      endpoint: queue.arn,
      // The consumer reads the app's JSON as published, without SNS's envelope.
      rawMessageDelivery: true,
      dependsOn: [queuePolicy],
    });

    this.topicArn = topic.arn;
    this.queueArn = queue.arn;
    this.queueUrl = queue.url;
    this.queueName = queue.name;
    this.deadLetterQueueArn = deadLetters.arn;
    this.deadLetterQueueUrl = deadLetters.url;
    this.deadLetterQueueName = deadLetters.name;
  }
}
