/** The sizes as whole stacks: what personal leaves out to stay cheap, and what ha keeps to stay up. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Testing } from 'cdktf';
import { CONTAINER_HEALTH_COMMAND, LIVENESS_PATH } from '../../infra/constructs/service';
import { buildApp } from '../../infra/main';
import { containers, resources, single, synthStack, testConfig, type Block, type Synthesized, testLambdaBundles } from '../../infra/testing';

type NetworkConfiguration = { subnets: string[]; assign_public_ip: boolean };

const stack = (env: Record<string, string>) => synthStack(buildApp(Testing.app(), testConfig(env), testLambdaBundles()).app);
const subnetAddresses = (synth: Synthesized, kind: 'public' | 'private') =>
  Object.keys(synth.resource.aws_subnet ?? {})
    .filter((address) => address.startsWith(`network_${kind}-`))
    .map((address) => `\${aws_subnet.${address}.id}`)
    .sort();
const appService = (synth: Synthesized) => resources(synth, 'aws_ecs_service').find((service) => String(service.name).endsWith('-app'))!;

/** What every size shares: the internal load balancer behind the VPC origin, nothing open to the internet. */
function assertPrivateOrigin(synth: Synthesized): void {
  const balancer = single(synth, 'aws_lb');
  assert.equal(balancer.internal, true);
  assert.deepEqual([...(balancer.subnets as string[])].sort(), subnetAddresses(synth, 'private'));
  const [vpcOrigin] = Object.keys(synth.resource.aws_cloudfront_vpc_origin ?? {});
  assert.ok(vpcOrigin);
  const origins = single(synth, 'aws_cloudfront_distribution').origin as { origin_id: string; vpc_origin_config?: { vpc_origin_id: string } }[];
  assert.equal(origins.find((origin) => origin.origin_id === 'app')?.vpc_origin_config?.vpc_origin_id, `\${aws_cloudfront_vpc_origin.${vpcOrigin}.id}`);
  const endpoint = (single(synth, 'aws_cloudfront_vpc_origin').vpc_origin_endpoint_config as Block[])[0]!;
  assert.match(String(endpoint.arn), /^\$\{aws_lb\.load-balancer_alb_[0-9A-F]{8}\.arn\}$/);
  for (const rule of resources(synth, 'aws_vpc_security_group_ingress_rule')) {
    assert.notEqual(rule.cidr_ipv4, '0.0.0.0/0', JSON.stringify(rule));
    assert.notEqual(rule.cidr_ipv6, '::/0', JSON.stringify(rule));
  }
  assert.equal((single(synth, 'aws_lb_target_group').health_check as Block).path, LIVENESS_PATH);
}

describe('the personal size (dev by default)', () => {
  const personal = stack({});
  const service = appService(personal);
  const [task] = resources(personal, 'aws_ecs_task_definition');

  it('has no NAT gateway and no elastic IP: the one task goes out through the internet gateway', () => {
    assert.deepEqual(resources(personal, 'aws_nat_gateway'), []);
    assert.deepEqual(resources(personal, 'aws_eip'), []);
    const network = service.network_configuration as NetworkConfiguration;
    assert.equal(network.assign_public_ip, true);
    assert.deepEqual([...network.subnets].sort(), subnetAddresses(personal, 'public'));
  });

  it('runs one Graviton (ARM64) task on Fargate Spot, the app alone in it, and nothing to scale', () => {
    assert.equal(resources(personal, 'aws_ecs_task_definition').length, 1);
    assert.deepEqual(task!.runtime_platform, { operating_system_family: 'LINUX', cpu_architecture: 'ARM64' });
    assert.deepEqual([task!.cpu, task!.memory], ['256', '1024']);
    assert.deepEqual(containers<{ name: string }>(personal, 'todoer-dev-app').map((container) => container.name), ['app']);
    assert.equal(service.desired_count, 1);
    assert.deepEqual(service.capacity_provider_strategy, [{ capacity_provider: 'FARGATE_SPOT', weight: 1 }]);
    assert.deepEqual(resources(personal, 'aws_appautoscaling_target'), []);
    assert.deepEqual(resources(personal, 'aws_wafv2_web_acl'), []);
  });

  it('still reaches CloudFront only through the VPC origin and the internal load balancer', () => assertPrivateOrigin(personal));

  it('health-checks the liveness route in the container', () => {
    const [app] = containers<{ healthCheck: { command: string[] } }>(personal, 'todoer-dev-app');
    assert.deepEqual(app!.healthCheck.command, CONTAINER_HEALTH_COMMAND);
  });
});

describe('the ha size (prod by default)', () => {
  const prod = stack({ TODOER_ENV: 'prod' });
  const service = appService(prod);

  it('keeps a NAT gateway per AZ and the tasks in private subnets without public IPs', () => {
    assert.equal(resources(prod, 'aws_nat_gateway').length, 2);
    const network = service.network_configuration as NetworkConfiguration;
    assert.equal(network.assign_public_ip, false);
    assert.deepEqual([...network.subnets].sort(), subnetAddresses(prod, 'private'));
  });

  it('runs at least two on-demand tasks that scale, no worker service, Container Insights', () => {
    assert.equal(service.desired_count, 2);
    assert.equal(service.launch_type, 'FARGATE');
    assert.equal(single(prod, 'aws_appautoscaling_target').min_capacity, 2);
    assert.deepEqual(resources(prod, 'aws_ecs_service').map((candidate) => candidate.name).sort(), ['todoer-prod-app']);
    assert.deepEqual(single(prod, 'aws_ecs_cluster').setting, [{ name: 'containerInsights', value: 'enabled' }]);
    for (const task of resources(prod, 'aws_ecs_task_definition')) {
      assert.deepEqual(task.runtime_platform, { operating_system_family: 'LINUX', cpu_architecture: 'ARM64' });
    }
  });

  it('reaches CloudFront only through the VPC origin and the internal load balancer', () => assertPrivateOrigin(prod));
});

describe('the standard size', () => {
  it('keeps one NAT gateway, on demand', () => {
    const standard = stack({ TODOER_SIZE: 'standard' });
    assert.equal(resources(standard, 'aws_nat_gateway').length, 1);
    assert.equal(appService(standard).launch_type, 'FARGATE');
    assert.equal((appService(standard).network_configuration as NetworkConfiguration).assign_public_ip, false);
    assertPrivateOrigin(standard);
  });

  it('runs x86 when asked, under its own image tag', () => {
    const x86 = stack({ TODOER_SIZE: 'standard', TODOER_CPU_ARCHITECTURE: 'X86_64' });
    for (const task of resources(x86, 'aws_ecs_task_definition')) assert.equal((task.runtime_platform as Block).cpu_architecture, 'X86_64');
    assert.match(String(x86.output.image!.value), /-amd64$/);
  });
});
