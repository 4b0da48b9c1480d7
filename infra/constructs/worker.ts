import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { Construct } from 'constructs';
import { assumableBy, policyDocument, taskExecutionPolicy, type PolicyStatement } from './policy';

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
    const logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: `/ecs/${props.prefix}-worker`,
      retentionInDays: props.logRetentionDays,
    });

    const executionRole = new IamRole(this, 'execution-role', {
      name: `${props.prefix}-worker-execution`,
      assumeRolePolicy: assumableBy('ecs-tasks.amazonaws.com'),
    });
    new IamRolePolicy(this, 'execution-policy', {
      role: executionRole.id,
      name: 'pull-image-write-logs',
      policy: policyDocument(taskExecutionPolicy({ repositoryArn: props.image.repositoryArn, logGroupArn: logGroup.arn })),
    });
    const taskRole = new IamRole(this, 'task-role', {
      name: `${props.prefix}-worker`,
      assumeRolePolicy: assumableBy('ecs-tasks.amazonaws.com'),
    });
    new IamRolePolicy(this, 'task-policy', { role: taskRole.id, name: 'worker', policy: policyDocument(props.taskPolicy) });

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
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: String(props.cpu),
      memory: String(props.memory),
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
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
      launchType: 'FARGATE',
      desiredCount: props.tasks,
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      propagateTags: 'SERVICE',
      enableEcsManagedTags: true,
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
