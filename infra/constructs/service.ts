import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
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

export const CONTAINER_NAME = 'app';
/** The cheap liveness route (no backend calls); `/api/health` is the deep readiness check deploy.sh waits for. */
export const LIVENESS_PATH = '/api/health/live';

/** The container's own health probe, the same request as the Dockerfile's HEALTHCHECK. */
export const CONTAINER_HEALTH_COMMAND = [
  'CMD',
  'node',
  '-e',
  `fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'${LIVENESS_PATH}').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))`,
];

/** Another container in the app's task (a sidecar), with its own log group. */
export type CompanionContainer = {
  readonly name: string;
  readonly logGroupName: string;
  /** Its definition, given its log group's name. */
  readonly container: (logGroupName: string) => ContainerDefinition;
  /** What it may do: added to the task role, which every container of a task shares. */
  readonly taskPolicy: readonly PolicyStatement[];
};

export type ServiceProps = {
  readonly prefix: string;
  readonly region: string;
  readonly network: TaskNetwork;
  readonly loadBalancer: {
    readonly securityGroupId: string;
    readonly targetGroupArn: string;
    readonly ready: ITerraformDependable;
  };
  readonly image: { readonly uri: string; readonly repositoryArn: string };
  readonly cpuArchitecture: CpuArchitecture;
  readonly spot: boolean;
  readonly port: number;
  readonly cpu: number;
  readonly memory: number;
  readonly minTasks: number;
  readonly maxTasks: number;
  readonly cpuTargetPercent: number;
  readonly logRetentionDays: number;
  readonly containerInsights: boolean;
  /** Plain environment variables of the container. */
  readonly environment: Readonly<Record<string, string>>;
  /** Secret environment variables: name → Secrets Manager secret ARN. */
  readonly secrets: Readonly<Record<string, string>>;
  /** What the app itself may do (the task role). */
  readonly taskPolicy: readonly PolicyStatement[];
  readonly companions?: readonly CompanionContainer[];
};

/**
 * The app on ECS Fargate: tasks that only the load balancer reaches (HTTPS egress only), rolling deploys
 * with a circuit breaker that rolls back, CPU autoscaling when more than one task may run, logs with
 * retention, and two least-privilege roles (the execution role pulls, logs and reads the secrets; the task
 * role is the app's own).
 */
export class ServiceConstruct extends Construct {
  readonly clusterName: string;
  readonly clusterArn: string;
  /** Ready once the cluster's capacity providers (FARGATE, FARGATE_SPOT) are attached. */
  readonly clusterReady: ITerraformDependable;
  readonly serviceName: string;
  readonly logGroupName: string;
  /** Log groups of the companion containers, by container name. */
  readonly companionLogGroupNames: Readonly<Record<string, string>>;
  readonly taskRoleArn: string;
  readonly taskSecurityGroupId: string;

  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id);
    const companions = (props.companions ?? []).map((companion) => ({
      companion,
      logGroup: new CloudwatchLogGroup(this, `${companion.name}-logs`, {
        name: companion.logGroupName,
        retentionInDays: props.logRetentionDays,
      }),
    }));
    const { logGroup, executionRole, taskRole } = fargateTaskIdentity(this, {
      logGroupName: `/ecs/${props.prefix}`,
      extraLogGroupArns: companions.map(({ logGroup: group }) => group.arn),
      logRetentionDays: props.logRetentionDays,
      repositoryArn: props.image.repositoryArn,
      secretArns: Object.values(props.secrets),
      executionRole: { name: `${props.prefix}-task-execution`, policyName: 'pull-image-write-logs-read-secrets' },
      taskRole: {
        name: `${props.prefix}-task`,
        policyName: 'app',
        policy: [...props.taskPolicy, ...companions.flatMap(({ companion }) => companion.taskPolicy)],
      },
    });

    const tasksSecurityGroup = new SecurityGroup(this, 'tasks-sg', {
      name: `${props.prefix}-tasks`,
      description: 'App tasks: reachable from the load balancer only',
      vpcId: props.network.vpcId,
      revokeRulesOnDelete: true,
    });
    new VpcSecurityGroupIngressRule(this, 'tasks-from-alb', {
      securityGroupId: tasksSecurityGroup.id,
      description: 'From the load balancer',
      ipProtocol: 'tcp',
      fromPort: props.port,
      toPort: props.port,
      referencedSecurityGroupId: props.loadBalancer.securityGroupId,
    });
    new VpcSecurityGroupEgressRule(this, 'tasks-https-out', {
      securityGroupId: tasksSecurityGroup.id,
      description: 'AWS APIs, ECR and Cognito JWKS over HTTPS',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: '0.0.0.0/0',
    });
    new VpcSecurityGroupEgressRule(this, 'alb-to-tasks', {
      securityGroupId: props.loadBalancer.securityGroupId,
      description: 'To the app tasks',
      ipProtocol: 'tcp',
      fromPort: props.port,
      toPort: props.port,
      referencedSecurityGroupId: tasksSecurityGroup.id,
    });

    const cluster = new EcsCluster(this, 'cluster', {
      name: props.prefix,
      setting: [{ name: 'containerInsights', value: props.containerInsights ? 'enabled' : 'disabled' }],
    });
    const capacityProviders = new EcsClusterCapacityProviders(this, 'capacity-providers', {
      clusterName: cluster.name,
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
    });
    const app: ContainerDefinition = {
      name: CONTAINER_NAME,
      image: props.image.uri,
      essential: true,
      portMappings: [{ containerPort: props.port, protocol: 'tcp' }],
      // The image's entry (scripts/container-start.sh) sizes Node's heap from this when the container has no cgroup limit of its own.
      environment: environmentList({ ...props.environment, MEMORY_LIMIT_MB: String(props.memory) }),
      secrets: Object.entries(props.secrets).map(([name, valueFrom]) => ({ name, valueFrom })),
      logConfiguration: awsLogs(logGroup.name, props.region, 'app'),
      healthCheck: { command: CONTAINER_HEALTH_COMMAND, interval: 30, timeout: 5, retries: 3, startPeriod: 30 },
      stopTimeout: 30,
    };
    const taskDefinition = new EcsTaskDefinition(this, 'task', {
      family: `${props.prefix}-app`,
      ...fargateTask(props.cpuArchitecture),
      cpu: String(props.cpu),
      memory: String(props.memory),
      executionRoleArn: executionRole.arn,
      taskRoleArn: taskRole.arn,
      containerDefinitions: JSON.stringify([app, ...companions.map(({ companion, logGroup: group }) => companion.container(group.name))]),
    });
    const service = new EcsService(this, 'service', {
      name: `${props.prefix}-app`,
      cluster: cluster.arn,
      taskDefinition: taskDefinition.arn,
      ...fargateCapacity(props.spot),
      ...ROLLING_DEPLOYMENT,
      desiredCount: props.minTasks,
      healthCheckGracePeriodSeconds: 60,
      networkConfiguration: {
        subnets: props.network.subnetIds,
        securityGroups: [tasksSecurityGroup.id],
        assignPublicIp: props.network.assignPublicIp,
      },
      loadBalancer: [{ targetGroupArn: props.loadBalancer.targetGroupArn, containerName: CONTAINER_NAME, containerPort: props.port }],
      // deploy.sh waits for the rollout itself, with the AWS CLI.
      waitForSteadyState: false,
      // Autoscaling owns the task count once the service exists.
      lifecycle: { ignoreChanges: ['desired_count'] },
      dependsOn: [props.loadBalancer.ready, capacityProviders],
    });
    if (props.maxTasks > props.minTasks) this.autoscale(cluster, service, props);

    this.clusterName = cluster.name;
    this.clusterArn = cluster.arn;
    this.clusterReady = capacityProviders;
    this.serviceName = service.name;
    this.logGroupName = logGroup.name;
    this.companionLogGroupNames = Object.fromEntries(companions.map(({ companion, logGroup: group }) => [companion.name, group.name]));
    this.taskRoleArn = taskRole.arn;
    this.taskSecurityGroupId = tasksSecurityGroup.id;
  }

  /** Target tracking on CPU between the minimum and maximum task counts. */
  private autoscale(cluster: EcsCluster, service: EcsService, props: ServiceProps): void {
    const scaling = new AppautoscalingTarget(this, 'scaling-target', {
      serviceNamespace: 'ecs',
      scalableDimension: 'ecs:service:DesiredCount',
      resourceId: `service/${cluster.name}/${service.name}`,
      minCapacity: props.minTasks,
      maxCapacity: props.maxTasks,
    });
    new AppautoscalingPolicy(this, 'cpu-scaling', {
      name: `${props.prefix}-cpu`,
      policyType: 'TargetTrackingScaling',
      serviceNamespace: scaling.serviceNamespace,
      scalableDimension: scaling.scalableDimension,
      resourceId: scaling.resourceId,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: props.cpuTargetPercent,
        predefinedMetricSpecification: { predefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        scaleInCooldown: 120,
        scaleOutCooldown: 60,
      },
    });
  }
}
