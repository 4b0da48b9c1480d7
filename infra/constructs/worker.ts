import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { Construct } from 'constructs';
import { FARGATE_TASK, fargateTaskIdentity, ROLLING_DEPLOYMENT } from './fargate';
import type { PolicyStatement } from './policy';

export const WORKER_CONTAINER_NAME = 'worker';
/** The worker sits beside server.js in the image's /app. */
export const WORKER_COMMAND = ['node', 'worker.cjs'];
export const WORKER_DIRECTORY = '/app';

export type WorkerProps = {
  readonly prefix: string;
  readonly region: string;
  /** The cluster the app runs in. */
  readonly clusterArn: string;
  readonly network: { readonly vpcId: string; readonly subnetIds: string[] };
  /** The app's image: the worker is another entry point of the same build. */
  readonly image: { readonly uri: string; readonly repositoryArn: string };
  readonly cpu: number;
  readonly memory: number;
  readonly tasks: number;
  readonly logRetentionDays: number;
  /** Plain environment variables of the container. */
  readonly environment: Readonly<Record<string, string>>;
  /** What the worker itself may do (its task role). */
  readonly taskPolicy: readonly PolicyStatement[];
};

/**
 * The task-event worker on ECS Fargate: the app's image started as `node worker.cjs`, in private subnets
 * with no inbound traffic at all (it serves nothing; it polls SQS), rolling deploys with a circuit breaker
 * that rolls back, its own logs, and its own least-privilege execution and task roles.
 */
export class WorkerConstruct extends Construct {
  readonly serviceName: string;
  readonly logGroupName: string;
  readonly taskRoleArn: string;
  readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: WorkerProps) {
    super(scope, id);
    const { logGroup, executionRole, taskRole } = fargateTaskIdentity(this, {
      logGroupName: `/ecs/${props.prefix}-worker`,
      logRetentionDays: props.logRetentionDays,
      repositoryArn: props.image.repositoryArn,
      executionRole: { name: `${props.prefix}-worker-execution`, policyName: 'pull-image-write-logs' },
      taskRole: { name: `${props.prefix}-worker`, policyName: 'worker', policy: props.taskPolicy },
    });

    // No ingress rule: nothing connects to the worker.
    const securityGroup = new SecurityGroup(this, 'sg', {
      name: `${props.prefix}-worker`,
      description: 'Event worker: no inbound traffic, HTTPS out',
      vpcId: props.network.vpcId,
      revokeRulesOnDelete: true,
    });
    new VpcSecurityGroupEgressRule(this, 'https-out', {
      securityGroupId: securityGroup.id,
      description: 'SQS, DynamoDB, ECR and CloudWatch Logs over HTTPS',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: '0.0.0.0/0',
    });

    const taskDefinition = new EcsTaskDefinition(this, 'task', {
      family: `${props.prefix}-worker`,
      ...FARGATE_TASK,
      cpu: String(props.cpu),
      memory: String(props.memory),
      executionRoleArn: executionRole.arn,
      taskRoleArn: taskRole.arn,
      containerDefinitions: JSON.stringify([
        {
          name: WORKER_CONTAINER_NAME,
          image: props.image.uri,
          essential: true,
          command: WORKER_COMMAND,
          workingDirectory: WORKER_DIRECTORY,
          environment: Object.entries(props.environment).map(([name, value]) => ({ name, value })),
          logConfiguration: {
            logDriver: 'awslogs',
            options: { 'awslogs-group': logGroup.name, 'awslogs-region': props.region, 'awslogs-stream-prefix': 'worker' },
          },
          // No healthCheck: the worker has no endpoint to ask, and a check that always passes would only pretend.
          // Time to finish the messages in hand after SIGTERM; unfinished ones come back after their visibility timeout.
          stopTimeout: 30,
        },
      ]),
    });
    const service = new EcsService(this, 'service', {
      name: `${props.prefix}-worker`,
      cluster: props.clusterArn,
      taskDefinition: taskDefinition.arn,
      ...ROLLING_DEPLOYMENT,
      desiredCount: props.tasks,
      networkConfiguration: {
        subnets: props.network.subnetIds,
        securityGroups: [securityGroup.id],
        assignPublicIp: false,
      },
      // deploy.sh waits for the rollout itself, with the AWS CLI.
      waitForSteadyState: false,
    });

    this.serviceName = service.name;
    this.logGroupName = logGroup.name;
    this.taskRoleArn = taskRole.arn;
    this.securityGroupId = securityGroup.id;
  }
}
