import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { EcsServiceConfig } from '@cdktf/provider-aws/lib/ecs-service';
import type { EcsTaskDefinitionConfig } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { Construct } from 'constructs';
import type { CpuArchitecture } from '../config';
import { assumableBy, policyDocument, taskExecutionPolicy, type PolicyStatement } from './policy';

/** The task-definition fields every Fargate task here shares; ARM64 is Graviton, about 20% cheaper. */
export function fargateTask(
  cpuArchitecture: CpuArchitecture,
): Pick<EcsTaskDefinitionConfig, 'requiresCompatibilities' | 'networkMode' | 'runtimePlatform'> {
  return {
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture },
  };
}

/** On-demand Fargate, or Fargate Spot (the cluster must have the FARGATE_SPOT capacity provider). */
export function fargateCapacity(spot: boolean): Pick<EcsServiceConfig, 'launchType' | 'capacityProviderStrategy'> {
  return spot ? { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] } : { launchType: 'FARGATE' };
}

/** Rolling deploys that keep full capacity and roll back on their own when new tasks keep failing. */
export const ROLLING_DEPLOYMENT: Pick<
  EcsServiceConfig,
  'deploymentMinimumHealthyPercent' | 'deploymentMaximumPercent' | 'deploymentCircuitBreaker' | 'propagateTags' | 'enableEcsManagedTags'
> = {
  deploymentMinimumHealthyPercent: 100,
  deploymentMaximumPercent: 200,
  deploymentCircuitBreaker: { enable: true, rollback: true },
  propagateTags: 'SERVICE',
  enableEcsManagedTags: true,
};

/** The subnets a service's tasks run in; a public IP is their way out when there is no NAT. */
export type TaskNetwork = { readonly vpcId: string; readonly subnetIds: string[]; readonly assignPublicIp: boolean };

export type TaskIdentityProps = {
  readonly logGroupName: string;
  /** Log groups of more containers in the task (created by the caller), which ECS may also write to. */
  readonly extraLogGroupArns?: readonly string[];
  readonly logRetentionDays: number;
  /** The image's repository, which the execution role may pull from. */
  readonly repositoryArn: string;
  /** Secrets Manager secrets ECS injects as secrets; the execution role may read exactly these. */
  readonly secretArns?: readonly string[];
  readonly executionRole: { readonly name: string; readonly policyName: string };
  /** What the code in the task may do. */
  readonly taskRole: { readonly name: string; readonly policyName: string; readonly policy: readonly PolicyStatement[] };
};

/**
 * A Fargate task's logs and its two least-privilege roles: the execution role (ECS pulls the image, writes
 * the logs, reads the secrets) and the task role (the task's own code). Created in the caller's scope, so
 * the resources keep the caller's addresses.
 */
export function fargateTaskIdentity(scope: Construct, props: TaskIdentityProps) {
  const logGroup = new CloudwatchLogGroup(scope, 'logs', { name: props.logGroupName, retentionInDays: props.logRetentionDays });
  const executionRole = new IamRole(scope, 'execution-role', {
    name: props.executionRole.name,
    assumeRolePolicy: assumableBy('ecs-tasks.amazonaws.com'),
  });
  new IamRolePolicy(scope, 'execution-policy', {
    role: executionRole.id,
    name: props.executionRole.policyName,
    policy: policyDocument(
      taskExecutionPolicy({
        repositoryArn: props.repositoryArn,
        logGroupArn: logGroup.arn,
        extraLogGroupArns: props.extraLogGroupArns,
        secretArns: props.secretArns,
      }),
    ),
  });
  const taskRole = new IamRole(scope, 'task-role', {
    name: props.taskRole.name,
    assumeRolePolicy: assumableBy('ecs-tasks.amazonaws.com'),
  });
  new IamRolePolicy(scope, 'task-policy', { role: taskRole.id, name: props.taskRole.policyName, policy: policyDocument(props.taskRole.policy) });
  return { logGroup, executionRole, taskRole };
}

/** The parts of an ECS container definition used here. */
export type ContainerDefinition = {
  readonly name: string;
  readonly image: string;
  readonly essential: boolean;
  readonly command?: readonly string[];
  readonly workingDirectory?: string;
  readonly portMappings?: readonly { readonly containerPort: number; readonly protocol: 'tcp' }[];
  readonly environment: readonly { readonly name: string; readonly value: string }[];
  readonly secrets?: readonly { readonly name: string; readonly valueFrom: string }[];
  readonly logConfiguration: { readonly logDriver: 'awslogs'; readonly options: Readonly<Record<string, string>> };
  readonly healthCheck?: {
    readonly command: readonly string[];
    readonly interval: number;
    readonly timeout: number;
    readonly retries: number;
    readonly startPeriod: number;
  };
  readonly stopTimeout: number;
};

/** The awslogs driver writing to a group, with a stream prefix per container. */
export function awsLogs(group: string, region: string, streamPrefix: string): ContainerDefinition['logConfiguration'] {
  return { logDriver: 'awslogs', options: { 'awslogs-group': group, 'awslogs-region': region, 'awslogs-stream-prefix': streamPrefix } };
}

export const environmentList = (variables: Readonly<Record<string, string>>) =>
  Object.entries(variables).map(([name, value]) => ({ name, value }));
