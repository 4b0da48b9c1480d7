import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { AssetType, Fn, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { LAMBDA_HANDLER } from '../../worker/lambdas';
import { assumableBy, policyDocument, type PolicyStatement } from './policy';

/** Lambda's Node 24 runtime, the Node the bundles target (scripts/build-lambdas.ts). */
export const CONSUMER_RUNTIME = 'nodejs24.x';
/** Graviton: about 20% cheaper per GB-second than x86_64, and the bundles are plain JavaScript. */
export const CONSUMER_ARCHITECTURE = 'arm64';
/**
 * AWS's guidance for SQS event sources: the queue's visibility timeout at least six times the function's
 * timeout, so a batch retried after throttling is not handed out again while still being worked on.
 */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/** The queue a consumer drains through an event source mapping that reports partial batch failures. */
export type QueueTrigger = {
  readonly kind: 'queue';
  readonly queueArn: string;
  /** The queue's own setting, checked against the function's timeout. */
  readonly queueVisibilityTimeoutSeconds: number;
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
  readonly maxConcurrency: number;
};

/** An EventBridge Scheduler schedule that invokes the consumer (e.g. `rate(1 minute)`). */
export type ScheduleTrigger = { readonly kind: 'schedule'; readonly expression: string };

export type ConsumerFunctionProps = {
  readonly prefix: string;
  /** The consumer's name in worker/lambdas.ts; the function is `<prefix>-<name>-consumer`. */
  readonly name: string;
  readonly description: string;
  /** The folder of its bundle (`.lambda/<name>`), zipped as it is. */
  readonly bundleDirectory: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly reservedConcurrency?: number;
  readonly logRetentionDays: number;
  readonly environment: Readonly<Record<string, string>>;
  /** What the consumer's own code calls; the trigger's and the logs' permissions are added here. */
  readonly policy: readonly PolicyStatement[];
  readonly trigger: QueueTrigger | ScheduleTrigger;
};

/**
 * One consumer on AWS Lambda: the function (Node 24, arm64, its bundle zipped at synth), its own log
 * group with retention, its own least-privilege role (its code's actions, its logs, and what its
 * trigger needs), and its trigger: an SQS event source mapping with partial batch responses, or a
 * schedule. Alarms on its errors are MonitoringConstruct's.
 */
export class ConsumerFunctionConstruct extends Construct {
  readonly functionName: string;
  readonly functionArn: string;
  readonly logGroupName: string;
  readonly roleArn: string;

  constructor(scope: Construct, id: string, props: ConsumerFunctionProps) {
    super(scope, id);
    const functionName = `${props.prefix}-${props.name}-consumer`;
    if (props.trigger.kind === 'queue') assertVisibilityCoversTimeout(props.trigger.queueVisibilityTimeoutSeconds, props.timeoutSeconds, functionName);

    // Made here rather than by Lambda on first write, so it has a retention and the role needs no logs:CreateLogGroup.
    const logGroup = new CloudwatchLogGroup(this, 'logs', { name: `/aws/lambda/${functionName}`, retentionInDays: props.logRetentionDays });
    const role = new IamRole(this, 'role', { name: functionName, assumeRolePolicy: assumableBy('lambda.amazonaws.com') });
    const policy = new IamRolePolicy(this, 'policy', {
      role: role.id,
      name: functionName,
      policy: policyDocument([
        { Sid: 'WriteLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${logGroup.arn}:log-stream:*` },
        ...props.policy,
        ...(props.trigger.kind === 'queue' ? [queueConsumerStatement(props.trigger.queueArn)] : []),
      ]),
    });

    const bundle = new TerraformAsset(this, 'bundle', { path: props.bundleDirectory, type: AssetType.ARCHIVE });
    const fn = new LambdaFunction(this, 'function', {
      functionName,
      description: props.description,
      role: role.arn,
      runtime: CONSUMER_RUNTIME,
      architectures: [CONSUMER_ARCHITECTURE],
      handler: LAMBDA_HANDLER,
      filename: bundle.path,
      sourceCodeHash: Fn.filebase64sha256(bundle.path),
      memorySize: props.memoryMb,
      timeout: props.timeoutSeconds,
      reservedConcurrentExecutions: props.reservedConcurrency,
      // The bundles carry source maps: stack traces in the logs name the TypeScript sources.
      environment: { variables: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' } },
      loggingConfig: { logFormat: 'Text', logGroup: logGroup.name },
      dependsOn: [logGroup, policy],
    });

    if (props.trigger.kind === 'queue') {
      new LambdaEventSourceMapping(this, 'queue-trigger', {
        eventSourceArn: props.trigger.queueArn,
        functionName: fn.arn,
        batchSize: props.trigger.batchSize,
        maximumBatchingWindowInSeconds: props.trigger.maxBatchingWindowSeconds,
        // Only the failed messages come back; the rest of the batch is deleted.
        functionResponseTypes: ['ReportBatchItemFailures'],
        scalingConfig: { maximumConcurrency: props.trigger.maxConcurrency },
        // The role's SQS grant must exist before Lambda starts polling.
        dependsOn: [policy],
      });
    } else {
      this.schedule(functionName, fn, props.trigger);
    }

    // The plain name (known at synth), so alarms and outputs can use it as an id too.
    this.functionName = functionName;
    this.functionArn = fn.arn;
    this.logGroupName = logGroup.name;
    this.roleArn = role.arn;
  }

  /** A schedule and the role it invokes the function with: that function only. */
  private schedule(functionName: string, fn: LambdaFunction, trigger: ScheduleTrigger): void {
    const invoker = new IamRole(this, 'schedule-role', { name: `${functionName}-schedule`, assumeRolePolicy: assumableBy('scheduler.amazonaws.com') });
    new IamRolePolicy(this, 'schedule-policy', {
      role: invoker.id,
      name: `${functionName}-schedule`,
      policy: policyDocument([{ Sid: 'InvokeConsumer', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: fn.arn }]),
    });
    new SchedulerSchedule(this, 'schedule', {
      name: functionName,
      scheduleExpression: trigger.expression,
      flexibleTimeWindow: { mode: 'OFF' },
      // A missed run is not retried: the next one, a minute later, does its work.
      target: { arn: fn.arn, roleArn: invoker.arn, retryPolicy: { maximumRetryAttempts: 0 } },
    });
  }
}

/**
 * What Lambda's poller calls on the consumer's behalf (with the function's role): read the queue's
 * attributes, receive, delete what was handled, and change the visibility of what it returns. The batch
 * forms of DeleteMessage and ChangeMessageVisibility need no action of their own.
 */
export function queueConsumerStatement(queueArn: string): PolicyStatement {
  return {
    Sid: 'ConsumeQueue',
    Effect: 'Allow',
    Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
    Resource: queueArn,
  };
}

export function assertVisibilityCoversTimeout(visibilityTimeoutSeconds: number, functionTimeoutSeconds: number, what: string): void {
  if (visibilityTimeoutSeconds < VISIBILITY_TIMEOUT_FACTOR * functionTimeoutSeconds) {
    throw new Error(
      `${what}: the queue's visibility timeout (${visibilityTimeoutSeconds} s) must be at least ${VISIBILITY_TIMEOUT_FACTOR} × the function's timeout (${functionTimeoutSeconds} s)`,
    );
  }
}
