import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { CpuArchitecture } from '../config';
import {
  awsLogs,
  environmentList,
  fargateCapacity,
  fargateTask,
  fargateTaskIdentity,
  ROLLING_DEPLOYMENT,
  type ContainerDefinition,
  type TaskNetwork,
} from './fargate';
import type { PolicyStatement } from './policy';

export const WORKER_CONTAINER_NAME = 'worker';
/** The worker sits beside server.js in the image's /app. */
export const WORKER_COMMAND = ['node', 'worker.cjs'];
export const WORKER_DIRECTORY = '/app';

export type WorkerContainerProps = {
  readonly image: string;
  readonly region: string;
  readonly logGroupName: string;
  /** Plain environment variables of the container. */
  readonly environment: Readonly<Record<string, string>>;
};

/** The worker's container: the app's image started as `node worker.cjs`, in its own service or beside the app. */
export function workerContainer(props: WorkerContainerProps): ContainerDefinition {
  return {
    name: WORKER_CONTAINER_NAME,
    image: props.image,
    essential: true,
    command: WORKER_COMMAND,
    workingDirectory: WORKER_DIRECTORY,
    environment: environmentList(props.environment),
    logConfiguration: awsLogs(props.logGroupName, props.region, 'worker'),
    // No healthCheck: the worker has no endpoint to ask, and a check that always passes would only pretend.
    // Time to finish the messages in hand after SIGTERM; unfinished ones come back after their visibility timeout.
    stopTimeout: 30,
  };
}

export type WorkerProps = {
  readonly prefix: string;
  readonly region: string;
  /** The cluster the app runs in, and what makes its capacity providers usable. */
  readonly cluster: { readonly arn: string; readonly ready: ITerraformDependable };
  readonly network: TaskNetwork;
  /** The app's image: the worker is another entry point of the same build. */
  readonly image: { readonly uri: string; readonly repositoryArn: string };
  readonly cpuArchitecture: CpuArchitecture;
  readonly spot: boolean;
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
 * The task-event worker as its own ECS Fargate service: no inbound traffic at all (it serves nothing; it
 * polls SQS), rolling deploys with a circuit breaker that rolls back, its own logs, and its own
 * least-privilege execution and task roles.
 */
export class WorkerConstruct extends Construct {
  readonly serviceName: string;
  readonly logGroupName: string;
  readonly taskRoleArn: string;
  readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: WorkerProps) {
    super(scope, id);
    const { logGroup, executionRole, taskRole } = fargateTaskIdentity(this, {
      logGroupName: workerLogGroupName(props.prefix),
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
      ...fargateTask(props.cpuArchitecture),
      cpu: String(props.cpu),
      memory: String(props.memory),
      executionRoleArn: executionRole.arn,
      taskRoleArn: taskRole.arn,
      containerDefinitions: JSON.stringify([
        workerContainer({ image: props.image.uri, region: props.region, logGroupName: logGroup.name, environment: props.environment }),
      ]),
    });
    const service = new EcsService(this, 'service', {
      name: `${props.prefix}-worker`,
      cluster: props.cluster.arn,
      taskDefinition: taskDefinition.arn,
      ...fargateCapacity(props.spot),
      ...ROLLING_DEPLOYMENT,
      desiredCount: props.tasks,
      networkConfiguration: {
        subnets: props.network.subnetIds,
        securityGroups: [securityGroup.id],
        assignPublicIp: props.network.assignPublicIp,
      },
      // deploy.sh waits for the rollout itself, with the AWS CLI.
      waitForSteadyState: false,
      dependsOn: [props.cluster.ready],
    });

    this.serviceName = service.name;
    this.logGroupName = logGroup.name;
    this.taskRoleArn = taskRole.arn;
    this.securityGroupId = securityGroup.id;
  }
}

export const workerLogGroupName = (prefix: string) => `/ecs/${prefix}-worker`;
