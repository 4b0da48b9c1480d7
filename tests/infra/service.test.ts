import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { Testing } from 'cdktf';
import { CLOUDFRONT_PREFIX_LIST, LoadBalancerConstruct } from '../../infra/constructs/load-balancer';
import { CONTAINER_HEALTH_COMMAND, ServiceConstruct } from '../../infra/constructs/service';
import { resources, single, synthConstructs } from '../../infra/testing';

const synth = () =>
  synthConstructs((scope) => {
    const loadBalancer = new LoadBalancerConstruct(scope, 'load-balancer', {
      prefix: 'todoer-dev',
      vpcId: 'vpc-1',
      publicSubnetIds: ['subnet-public-a', 'subnet-public-b'],
      appPort: 3000,
      healthCheckPath: '/api/health',
    });
    new ServiceConstruct(scope, 'service', {
      prefix: 'todoer-dev',
      region: 'us-east-1',
      network: { vpcId: 'vpc-1', subnetIds: ['subnet-private-a', 'subnet-private-b'] },
      loadBalancer: { securityGroupId: loadBalancer.securityGroupId, targetGroupArn: loadBalancer.targetGroupArn, ready: loadBalancer.ready },
      image: { uri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/todoer-dev:abc123', repositoryArn: 'arn:aws:ecr:us-east-1:123456789012:repository/todoer-dev' },
      port: 3000,
      cpu: 256,
      memory: 512,
      minTasks: 1,
      maxTasks: 3,
      cpuTargetPercent: 70,
      logRetentionDays: 14,
      containerInsights: false,
      environment: { APP_MODE: 'cloud', TRUSTED_PROXY_HOPS: '1' },
      secrets: { CURSOR_SECRET: 'arn:aws:ssm:us-east-1:123456789012:parameter/todoer-dev/cursor-secret' },
      taskPolicy: [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/todos' }],
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

  it('health-checks /api/health at the load balancer and in the container', () => {
    assert.ok(
      Testing.toHaveResourceWithProperties(stack.json, LbTargetGroup.tfResourceType, {
        target_type: 'ip',
        port: 3000,
        health_check: { enabled: true, path: '/api/health', matcher: '200' },
      }),
    );
    assert.deepEqual(container!.healthCheck.command, CONTAINER_HEALTH_COMMAND);
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
    assert.equal(container!.image, '123456789012.dkr.ecr.us-east-1.amazonaws.com/todoer-dev:abc123');
    const ingress = resources(stack, 'aws_vpc_security_group_ingress_rule');
    const toTasks = ingress.find((rule) => String(rule.security_group_id).includes('tasks-sg'));
    assert.equal(toTasks?.from_port, 3000);
    assert.match(String(toTasks?.referenced_security_group_id), /load-balancer_sg/);
    assert.equal(toTasks?.cidr_ipv4, undefined);
  });

  it('lets only CloudFront reach the load balancer: its prefix list, and the secret header or a 403', () => {
    assert.equal(Object.values(stack.data.aws_ec2_managed_prefix_list ?? {})[0]?.name, CLOUDFRONT_PREFIX_LIST);
    const toBalancer = resources(stack, 'aws_vpc_security_group_ingress_rule').filter((rule) => String(rule.security_group_id).includes('load-balancer_sg'));
    assert.equal(toBalancer.length, 1);
    assert.match(String(toBalancer[0]!.prefix_list_id), /data\.aws_ec2_managed_prefix_list\./);
    assert.equal(toBalancer[0]!.cidr_ipv4, undefined);
    const listener = single(stack, 'aws_lb_listener');
    assert.deepEqual(listener.default_action, [
      { type: 'fixed-response', fixed_response: { content_type: 'text/plain', status_code: '403', message_body: 'Forbidden' } },
    ]);
    const rule = single(stack, 'aws_lb_listener_rule');
    assert.deepEqual((rule.condition as { http_header: { http_header_name: string } }[])[0]!.http_header.http_header_name, 'X-Origin-Verify');
    assert.match(JSON.stringify(rule.condition), /random_password\./);
    assert.ok((service.depends_on as string[]).some((dependency) => dependency.startsWith('aws_lb_listener_rule.')));
  });

  it('passes configuration as environment and secrets as SSM parameters', () => {
    assert.deepEqual(container!.environment, [
      { name: 'APP_MODE', value: 'cloud' },
      { name: 'TRUSTED_PROXY_HOPS', value: '1' },
    ]);
    assert.deepEqual(container!.secrets, [{ name: 'CURSOR_SECRET', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/todoer-dev/cursor-secret' }]);
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
