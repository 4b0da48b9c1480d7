import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { FARGATE_TASK, fargateTaskIdentity, ROLLING_DEPLOYMENT } from './fargate';
import type { PolicyStatement } from './policy';

export const CONTAINER_NAME = 'app';

/** The container's own health probe, the same request as the Dockerfile's HEALTHCHECK. */
export const CONTAINER_HEALTH_COMMAND = [
  'CMD',
  'node',
  '-e',
  "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))",
];

export type ServiceProps = {
  readonly prefix: string;
  readonly region: string;
  readonly network: { readonly vpcId: string; readonly subnetIds: string[] };
  readonly loadBalancer: {
    readonly securityGroupId: string;
    readonly targetGroupArn: string;
    readonly ready: ITerraformDependable;
  };
  readonly image: { readonly uri: string; readonly repositoryArn: string };
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
  /** Secret environment variables: name → SSM parameter ARN. */
  readonly secrets: Readonly<Record<string, string>>;
  /** What the app itself may do (the task role). */
  readonly taskPolicy: readonly PolicyStatement[];
};

/**
 * The app on ECS Fargate: tasks in private subnets that only the load balancer reaches, rolling
 * deploys with a circuit breaker that rolls back, CPU autoscaling, logs with retention, and two
 * least-privilege roles (the execution role pulls and logs; the task role is the app's own).
 */
export class ServiceConstruct extends Construct {
  readonly clusterName: string;
  readonly clusterArn: string;
  readonly serviceName: string;
  readonly logGroupName: string;
  readonly taskRoleArn: string;
  readonly taskSecurityGroupId: string;

  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id);
    const { logGroup, executionRole, taskRole } = fargateTaskIdentity(this, {
      logGroupName: `/ecs/${props.prefix}`,
      logRetentionDays: props.logRetentionDays,
      repositoryArn: props.image.repositoryArn,
      secretArns: Object.values(props.secrets),
      executionRole: { name: `${props.prefix}-task-execution`, policyName: 'pull-image-write-logs-read-secrets' },
      taskRole: { name: `${props.prefix}-task`, policyName: 'app', policy: props.taskPolicy },
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
    const taskDefinition = new EcsTaskDefinition(this, 'task', {
      family: `${props.prefix}-app`,
      ...FARGATE_TASK,
      cpu: String(props.cpu),
      memory: String(props.memory),
      executionRoleArn: executionRole.arn,
      taskRoleArn: taskRole.arn,
      containerDefinitions: JSON.stringify([
        {
          name: CONTAINER_NAME,
          image: props.image.uri,
          essential: true,
          portMappings: [{ containerPort: props.port, protocol: 'tcp' }],
          environment: Object.entries(props.environment).map(([name, value]) => ({ name, value })),
          secrets: Object.entries(props.secrets).map(([name, valueFrom]) => ({ name, valueFrom })),
          logConfiguration: {
            logDriver: 'awslogs',
            options: { 'awslogs-group': logGroup.name, 'awslogs-region': props.region, 'awslogs-stream-prefix': 'app' },
          },
          healthCheck: { command: CONTAINER_HEALTH_COMMAND, interval: 30, timeout: 5, retries: 3, startPeriod: 30 },
          stopTimeout: 30,
        },
      ]),
    });
    const service = new EcsService(this, 'service', {
      name: `${props.prefix}-app`,
      cluster: cluster.arn,
      taskDefinition: taskDefinition.arn,
      ...ROLLING_DEPLOYMENT,
      desiredCount: props.minTasks,
      healthCheckGracePeriodSeconds: 60,
      networkConfiguration: {
        subnets: props.network.subnetIds,
        securityGroups: [tasksSecurityGroup.id],
        assignPublicIp: false,
      },
      loadBalancer: [{ targetGroupArn: props.loadBalancer.targetGroupArn, containerName: CONTAINER_NAME, containerPort: props.port }],
      // deploy.sh waits for the rollout itself, with the AWS CLI.
      waitForSteadyState: false,
      // Autoscaling owns the task count once the service exists.
      lifecycle: { ignoreChanges: ['desired_count'] },
      dependsOn: [props.loadBalancer.ready],
    });

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

    this.clusterName = cluster.name;
    this.clusterArn = cluster.arn;
    this.serviceName = service.name;
    this.logGroupName = logGroup.name;
    this.taskRoleArn = taskRole.arn;
    this.taskSecurityGroupId = tasksSecurityGroup.id;
  }
}
