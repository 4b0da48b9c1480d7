import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { EcsServiceConfig } from '@cdktf/provider-aws/lib/ecs-service';
import type { EcsTaskDefinitionConfig } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { Construct } from 'constructs';
import { assumableBy, policyDocument, taskExecutionPolicy, type PolicyStatement } from './policy';

/** The task-definition fields every Fargate task here shares. */
export const FARGATE_TASK: Pick<EcsTaskDefinitionConfig, 'requiresCompatibilities' | 'networkMode' | 'runtimePlatform'> = {
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
};

/** Rolling deploys that keep full capacity and roll back on their own when new tasks keep failing. */
export const ROLLING_DEPLOYMENT: Pick<
  EcsServiceConfig,
  | 'launchType'
  | 'deploymentMinimumHealthyPercent'
  | 'deploymentMaximumPercent'
  | 'deploymentCircuitBreaker'
  | 'propagateTags'
  | 'enableEcsManagedTags'
> = {
  launchType: 'FARGATE',
  deploymentMinimumHealthyPercent: 100,
  deploymentMaximumPercent: 200,
  deploymentCircuitBreaker: { enable: true, rollback: true },
  propagateTags: 'SERVICE',
  enableEcsManagedTags: true,
};

export type TaskIdentityProps = {
  readonly logGroupName: string;
  readonly logRetentionDays: number;
  /** The image's repository, which the execution role may pull from. */
  readonly repositoryArn: string;
  /** SSM parameters ECS injects as secrets; the execution role may read exactly these. */
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
      taskExecutionPolicy({ repositoryArn: props.repositoryArn, logGroupArn: logGroup.arn, secretArns: props.secretArns }),
    ),
  });
  const taskRole = new IamRole(scope, 'task-role', {
    name: props.taskRole.name,
    assumeRolePolicy: assumableBy('ecs-tasks.amazonaws.com'),
  });
  new IamRolePolicy(scope, 'task-policy', { role: taskRole.id, name: props.taskRole.policyName, policy: policyDocument(props.taskRole.policy) });
  return { logGroup, executionRole, taskRole };
}
