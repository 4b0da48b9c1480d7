import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { Testing } from 'cdktf';
import { CLOUDFRONT_PREFIX_LIST, LEGACY_TLS_PROBLEM, LoadBalancerConstruct } from '../../infra/constructs/load-balancer';
import { CONTAINER_HEALTH_COMMAND, LIVENESS_PATH, ServiceConstruct, type ServiceProps } from '../../infra/constructs/service';
import { awsLogs } from '../../infra/constructs/fargate';
import { containers, resources, rolePolicy, single, synthConstructs } from '../../infra/testing';

const CURSOR_SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:todoer-dev/cursor-secret-AbCdEf';

const synth = (overrides: Partial<ServiceProps> = {}) =>
  synthConstructs((scope) => {
    const loadBalancer = new LoadBalancerConstruct(scope, 'load-balancer', {
      prefix: 'todoer-dev',
      vpcId: 'vpc-1',
      subnetIds: ['subnet-private-a', 'subnet-private-b'],
      appPort: 3000,
      healthCheckPath: LIVENESS_PATH,
    });
    new ServiceConstruct(scope, 'service', {
      prefix: 'todoer-dev',
      region: 'us-east-1',
      network: { vpcId: 'vpc-1', subnetIds: ['subnet-private-a', 'subnet-private-b'], assignPublicIp: false },
      loadBalancer: { securityGroupId: loadBalancer.securityGroupId, targetGroupArn: loadBalancer.targetGroupArn, ready: loadBalancer.ready },
      image: { uri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/todoer-dev:abc123-arm64', repositoryArn: 'arn:aws:ecr:us-east-1:123456789012:repository/todoer-dev' },
      cpuArchitecture: 'ARM64',
      spot: false,
      port: 3000,
      cpu: 256,
      memory: 512,
      minTasks: 1,
      maxTasks: 3,
      cpuTargetPercent: 70,
      logRetentionDays: 14,
      containerInsights: false,
      environment: { APP_MODE: 'cloud', TRUSTED_PROXY_HOPS: '1' },
      secrets: { CURSOR_SECRET: CURSOR_SECRET_ARN },
      taskPolicy: [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/todos' }],
      ...overrides,
    });
  });

type Container = {
  image: string;
  environment: { name: string; value: string }[];
  secrets: { name: string; valueFrom: string }[];
  healthCheck: { command: string[] };
  logConfiguration: { options: Record<string, string> };
};

describe('LoadBalancerConstruct + ServiceConstruct', () => {
  const stack = synth();
  const service = single(stack, 'aws_ecs_service');
  const [container] = JSON.parse(String(single(stack, 'aws_ecs_task_definition').container_definitions)) as Container[];

  it('rolls deployments with a circuit breaker that rolls back', () => {
    assert.ok(
      Testing.toHaveResourceWithProperties(stack.json, EcsService.tfResourceType, {
        launch_type: 'FARGATE',
        deployment_circuit_breaker: { enable: true, rollback: true },
        deployment_minimum_healthy_percent: 100,
        deployment_maximum_percent: 200,
      }),
    );
  });

  it('health-checks the liveness route /api/health/live at the load balancer and in the container', () => {
    assert.equal(LIVENESS_PATH, '/api/health/live');
    assert.ok(
      Testing.toHaveResourceWithProperties(stack.json, LbTargetGroup.tfResourceType, {
        target_type: 'ip',
        port: 3000,
        health_check: { enabled: true, path: '/api/health/live', matcher: '200' },
      }),
    );
    assert.deepEqual(container!.healthCheck.command, CONTAINER_HEALTH_COMMAND);
    assert.match(CONTAINER_HEALTH_COMMAND[3]!, /'\/api\/health\/live'\)/);
    // ECS ignores the image's HEALTHCHECK, so the task repeats it: the same command, word for word.
    const dockerfile = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'Dockerfile'), 'utf8');
    const imageCheck = /^HEALTHCHECK .*\\\n\s*CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    assert.deepEqual(['CMD', ...(JSON.parse(imageCheck ?? '[]') as string[])], CONTAINER_HEALTH_COMMAND);
  });

  it('keeps logs for the configured retention', () => {
    assert.deepEqual(
      resources(stack, 'aws_cloudwatch_log_group').map((group) => [group.name, group.retention_in_days]),
      [['/ecs/todoer-dev', 14]],
    );
    assert.equal(container!.logConfiguration.options['awslogs-stream-prefix'], 'app');
  });

  it('runs the image in private subnets without public IPs, reachable only from the load balancer', () => {
    assert.deepEqual(service.network_configuration, {
      subnets: ['subnet-private-a', 'subnet-private-b'],
      security_groups: [String((service.network_configuration as { security_groups: string[] }).security_groups[0])],
      assign_public_ip: false,
    });
    assert.equal(container!.image, '123456789012.dkr.ecr.us-east-1.amazonaws.com/todoer-dev:abc123-arm64');
    const ingress = resources(stack, 'aws_vpc_security_group_ingress_rule');
    const toTasks = ingress.find((rule) => String(rule.security_group_id).includes('tasks-sg'));
    assert.equal(toTasks?.from_port, 3000);
    assert.match(String(toTasks?.referenced_security_group_id), /load-balancer_sg/);
    assert.equal(toTasks?.cidr_ipv4, undefined);
  });

  it('is an internal load balancer in the private subnets: no public address, nothing open to the internet', () => {
    const balancer = single(stack, 'aws_lb');
    assert.equal(balancer.internal, true);
    assert.deepEqual(balancer.subnets, ['subnet-private-a', 'subnet-private-b']);
    const ingress = resources(stack, 'aws_vpc_security_group_ingress_rule');
    for (const rule of ingress) {
      assert.ok(!['0.0.0.0/0'].includes(String(rule.cidr_ipv4)) && !['::/0'].includes(String(rule.cidr_ipv6)), JSON.stringify(rule));
    }
    assert.equal(single(stack, 'aws_lb_listener').port, 80);
  });

  it('lets only CloudFront reach the load balancer: its prefix list, and the secret header or a 403', () => {
    assert.equal(Object.values(stack.data.aws_ec2_managed_prefix_list ?? {})[0]?.name, CLOUDFRONT_PREFIX_LIST);
    const toBalancer = resources(stack, 'aws_vpc_security_group_ingress_rule').filter((rule) => String(rule.security_group_id).includes('load-balancer_sg'));
    assert.equal(toBalancer.length, 1);
    assert.match(String(toBalancer[0]!.prefix_list_id), /data\.aws_ec2_managed_prefix_list\./);
    assert.deepEqual([toBalancer[0]!.from_port, toBalancer[0]!.to_port, toBalancer[0]!.cidr_ipv4, toBalancer[0]!.cidr_ipv6], [80, 80, undefined, undefined]);
    const listener = single(stack, 'aws_lb_listener');
    assert.deepEqual(listener.default_action, [
      { type: 'fixed-response', fixed_response: { content_type: 'text/plain', status_code: '403', message_body: 'Forbidden' } },
    ]);
    const rules = Object.fromEntries(resources(stack, 'aws_lb_listener_rule').map((rule) => [Number(rule.priority), rule]));
    const forward = rules[10]!;
    assert.deepEqual((forward.condition as { http_header: { http_header_name: string } }[])[0]!.http_header.http_header_name, 'X-Origin-Verify');
    assert.match(JSON.stringify(forward.condition), /random_password\./);
    assert.deepEqual((forward.action as { type: string }[])[0]!.type, 'forward');
    assert.ok((service.depends_on as string[]).some((dependency) => dependency.startsWith('aws_lb_listener_rule.')));
  });

  it('answers viewers on TLS below 1.2 with 426 and a problem body, before anything is forwarded', () => {
    const legacy = resources(stack, 'aws_lb_listener_rule').find((rule) => rule.priority === 5)!;
    assert.deepEqual(legacy.condition, [{ http_header: { http_header_name: 'CloudFront-Viewer-TLS', values: ['TLSv1:*', 'TLSv1.1:*'] } }]);
    assert.deepEqual(legacy.action, [
      { type: 'fixed-response', fixed_response: { content_type: 'application/json', status_code: '426', message_body: LEGACY_TLS_PROBLEM } },
    ]);
    assert.deepEqual(JSON.parse(LEGACY_TLS_PROBLEM), {
      type: 'about:blank',
      title: 'Upgrade Required',
      status: 426,
      detail: 'This site needs TLS 1.2 or later; update your browser or client.',
    });
    assert.ok(LEGACY_TLS_PROBLEM.length <= 1024, 'ALB fixed responses hold at most 1 KB');
  });

  it('passes configuration as environment and secrets as Secrets Manager ARNs', () => {
    assert.deepEqual(container!.environment, [
      { name: 'APP_MODE', value: 'cloud' },
      { name: 'TRUSTED_PROXY_HOPS', value: '1' },
      { name: 'MEMORY_LIMIT_MB', value: '512' },
    ]);
    assert.deepEqual(container!.secrets, [{ name: 'CURSOR_SECRET', valueFrom: CURSOR_SECRET_ARN }]);
    const read = rolePolicy(stack, 'pull-image-write-logs-read-secrets').find((statement) => statement.Sid === 'ReadSecrets');
    assert.deepEqual(read, { Sid: 'ReadSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [CURSOR_SECRET_ARN] });
  });

  it("tells the container the task's memory, from which its entry sizes Node's heap", () => {
    const memoryOf = (memory: number) => {
      const [app] = JSON.parse(String(single(synth({ memory }), 'aws_ecs_task_definition').container_definitions)) as Container[];
      return app!.environment.find((variable) => variable.name === 'MEMORY_LIMIT_MB')?.value;
    };
    assert.equal(single(stack, 'aws_ecs_task_definition').memory, '512');
    assert.equal(memoryOf(2048), '2048');
  });

  it('runs on Graviton (ARM64 Linux), on demand by default', () => {
    assert.deepEqual(single(stack, 'aws_ecs_task_definition').runtime_platform, { operating_system_family: 'LINUX', cpu_architecture: 'ARM64' });
    assert.equal(service.capacity_provider_strategy, undefined);
    assert.deepEqual(single(stack, 'aws_ecs_cluster_capacity_providers').capacity_providers, ['FARGATE', 'FARGATE_SPOT']);
  });

  it('runs on Fargate Spot when asked, once the cluster has the Spot capacity provider', () => {
    const spot = single(synth({ spot: true }), 'aws_ecs_service');
    assert.deepEqual(spot.capacity_provider_strategy, [{ capacity_provider: 'FARGATE_SPOT', weight: 1 }]);
    assert.equal(spot.launch_type, undefined);
    assert.ok((spot.depends_on as string[]).some((dependency) => dependency.startsWith('aws_ecs_cluster_capacity_providers.')));
  });

  it('runs in public subnets with a public IP when there is no NAT, still reachable from the load balancer only', () => {
    const publicTasks = synth({ network: { vpcId: 'vpc-1', subnetIds: ['subnet-public-a', 'subnet-public-b'], assignPublicIp: true } });
    assert.deepEqual((single(publicTasks, 'aws_ecs_service').network_configuration as { subnets: string[]; assign_public_ip: boolean }).assign_public_ip, true);
    const toTasks = resources(publicTasks, 'aws_vpc_security_group_ingress_rule').filter((rule) => String(rule.security_group_id).includes('tasks-sg'));
    assert.equal(toTasks.length, 1);
    assert.match(String(toTasks[0]!.referenced_security_group_id), /load-balancer_sg/);
    const egress = resources(publicTasks, 'aws_vpc_security_group_egress_rule').filter((rule) => String(rule.security_group_id).includes('tasks-sg'));
    assert.deepEqual(egress.map((rule) => [rule.from_port, rule.to_port]), [[443, 443]]);
  });

  it('runs a companion container (a sidecar) in the same task, with its own logs and its permissions added', () => {
    const withSidecar = synth({
      minTasks: 1,
      maxTasks: 1,
      companions: [
        {
          name: 'sidecar',
          logGroupName: '/ecs/todoer-dev-sidecar',
          container: (logGroupName) => ({
            name: 'sidecar',
            image: 'image:tag',
            essential: true,
            command: ['node', 'sidecar.cjs'],
            environment: [],
            logConfiguration: awsLogs(logGroupName, 'us-east-1', 'sidecar'),
            stopTimeout: 30,
          }),
          taskPolicy: [{ Sid: 'SidecarQueue', Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:todoer-dev-events' }],
        },
      ],
    });
    const [app, sidecar] = containers<{ name: string; command?: string[]; logConfiguration: { options: Record<string, string> } }>(withSidecar, 'todoer-dev-app');
    assert.deepEqual([app!.name, sidecar!.name, sidecar!.command], ['app', 'sidecar', ['node', 'sidecar.cjs']]);
    assert.match(sidecar!.logConfiguration.options['awslogs-group']!, /aws_cloudwatch_log_group\.service_sidecar-logs/);
    assert.deepEqual(rolePolicy(withSidecar, 'app').map((statement) => statement.Sid ?? statement.Action), ['dynamodb:GetItem', 'SidecarQueue']);
    const logs = rolePolicy(withSidecar, 'pull-image-write-logs-read-secrets').find((statement) => statement.Sid === 'WriteLogs')!;
    assert.equal((logs.Resource as string[]).length, 2);
    assert.deepEqual(resources(withSidecar, 'aws_appautoscaling_target'), [], 'one task: nothing to scale');
  });

  it('scales on CPU between the minimum and maximum task counts', () => {
    const target = single(stack, 'aws_appautoscaling_target');
    assert.equal(target.min_capacity, 1);
    assert.equal(target.max_capacity, 3);
    const policy = single(stack, 'aws_appautoscaling_policy');
    assert.deepEqual((policy.target_tracking_scaling_policy_configuration as Record<string, unknown>).predefined_metric_specification, {
      predefined_metric_type: 'ECSServiceAverageCPUUtilization',
    });
    assert.deepEqual(service.lifecycle, { ignore_changes: ['desired_count'] });
  });
});
