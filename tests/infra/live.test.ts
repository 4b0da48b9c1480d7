/**
 * Live updates in the cloud: Valkey between app tasks where there is more than one, reachable from them
 * only over TLS, and proxies that keep long-lived streams open (timeouts against the heartbeat).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Testing } from 'cdktf';
import { LIVE_EVENTS_PATH, MANAGED_POLICY } from '../../infra/constructs/edge';
import { LIVE_PUBSUB_PORT, LivePubSubConstruct } from '../../infra/constructs/live-pubsub';
import { LIVE_STREAM_MEMORY_KIB, liveStreamsPerTask } from '../../infra/config';
import { buildApp } from '../../infra/main';
import { containers, resources, single, synthConstructs, synthStack, testConfig, testLambdaBundles, type Block, type Synthesized } from '../../infra/testing';
import { HEARTBEAT_DEFAULT_MS } from '../../lib/live/timing';

type Container = { name: string; environment: { name: string; value: string }[] };
type Behavior = { path_pattern?: string; target_origin_id: string; cache_policy_id: string; compress: boolean; allowed_methods: string[] };
type Origin = { origin_id: string; domain_name: string; vpc_origin_config?: { origin_read_timeout: number; origin_keepalive_timeout: number } };

const stack = (env: Record<string, string>) => synthStack(buildApp(Testing.app(), testConfig(env), testLambdaBundles()).app);
const appEnvironment = (synth: Synthesized, family: string) =>
  Object.fromEntries(containers<Container>(synth, family).find((container) => container.name === 'app')!.environment.map(({ name, value }) => [name, value]));
const heartbeatSeconds = HEARTBEAT_DEFAULT_MS / 1000;

describe('LivePubSubConstruct', () => {
  const synth = synthConstructs((scope) => {
    const live = new LivePubSubConstruct(scope, 'live', { prefix: 'todoer-prod', vpcId: 'vpc-1', subnetIds: ['subnet-a', 'subnet-b'] });
    live.allowFrom('sg-tasks');
  });
  const cache = single(synth, 'aws_elasticache_serverless_cache');

  it('is ElastiCache Serverless for Valkey in the private subnets, capped small (pub/sub keeps no data)', () => {
    assert.equal(cache.engine, 'valkey');
    assert.equal(cache.name, 'todoer-prod-live');
    assert.deepEqual(cache.subnet_ids, ['subnet-a', 'subnet-b']);
    assert.deepEqual(cache.cache_usage_limits, [{ data_storage: [{ maximum: 1, unit: 'GB' }], ecpu_per_second: [{ maximum: 5000 }] }]);
  });

  it('admits the app tasks only, on the cache port', () => {
    const ingress = resources(synth, 'aws_vpc_security_group_ingress_rule');
    assert.equal(ingress.length, 1);
    assert.equal(ingress[0]!.referenced_security_group_id, 'sg-tasks');
    assert.deepEqual([ingress[0]!.from_port, ingress[0]!.to_port, ingress[0]!.ip_protocol], [LIVE_PUBSUB_PORT, LIVE_PUBSUB_PORT, 'tcp']);
    assert.equal(ingress[0]!.cidr_ipv4, undefined);
    assert.deepEqual(cache.security_group_ids, [ingress[0]!.security_group_id]);
    const egress = resources(synth, 'aws_vpc_security_group_egress_rule');
    assert.equal(egress.length, 1);
    assert.equal(egress[0]!.security_group_id, 'sg-tasks');
    assert.equal(egress[0]!.referenced_security_group_id, ingress[0]!.security_group_id);
  });
});

describe('live updates per size', () => {
  it('personal (one task) has no Valkey: its streams are all in the one process', () => {
    const personal = stack({});
    assert.deepEqual(resources(personal, 'aws_elasticache_serverless_cache'), []);
    assert.equal(appEnvironment(personal, 'todoer-dev-app').LIVE_PUBSUB_URL, undefined);
  });

  for (const size of ['standard', 'ha'] as const) {
    it(`${size} (more than one task) connects its tasks through Valkey over TLS`, () => {
      const synth = stack({ TODOER_SIZE: size });
      const [address] = Object.keys(synth.resource.aws_elasticache_serverless_cache ?? {});
      assert.ok(address, 'a serverless cache');
      const url = appEnvironment(synth, 'todoer-dev-app').LIVE_PUBSUB_URL;
      assert.equal(url, `rediss://\${aws_elasticache_serverless_cache.${address}.endpoint[0].address}:${LIVE_PUBSUB_PORT}`);
      const tasksGroup = resources(synth, 'aws_security_group').find((group) => String(group.name).endsWith('-tasks'))!;
      const fromTasks = resources(synth, 'aws_vpc_security_group_ingress_rule').filter((rule) => rule.from_port === LIVE_PUBSUB_PORT);
      assert.equal(fromTasks.length, 1);
      assert.match(String(fromTasks[0]!.referenced_security_group_id), /aws_security_group\.service_tasks-sg_[0-9A-F]{8}\.id/);
      assert.ok(tasksGroup);
    });
  }
});

describe('live streams per task', () => {
  it('are capped from the task memory, so idle tabs cannot push a task out of memory', () => {
    assert.equal(liveStreamsPerTask(512), 655);
    assert.equal(liveStreamsPerTask(1024), 1310);
    for (const [size, memory] of [['personal', 1024], ['standard', 512], ['ha', 1024]] as const) {
      const synth = stack({ TODOER_SIZE: size });
      assert.equal(single(synth, 'aws_ecs_task_definition').memory, String(memory));
      assert.equal(appEnvironment(synth, 'todoer-dev-app').LIVE_MAX_STREAMS_PER_PROCESS, String(liveStreamsPerTask(memory)), size);
    }
    // A quarter of the task at the measured size per stream: 655 streams × 200 KiB = 128 MiB of 512.
    assert.ok((liveStreamsPerTask(512) * LIVE_STREAM_MEMORY_KIB) / 1024 <= 512 / 4);
  });
});

describe('proxies keep live streams open', () => {
  const synth = stack({ TODOER_SIZE: 'ha' });
  const distribution = single(synth, 'aws_cloudfront_distribution');
  const ordered = distribution.ordered_cache_behavior as Behavior[];
  const origins = distribution.origin as Origin[];

  it(`sends ${LIVE_EVENTS_PATH} to the app uncached and uncompressed, ahead of /api/*`, () => {
    const index = ordered.findIndex((behavior) => behavior.path_pattern === LIVE_EVENTS_PATH);
    assert.ok(index >= 0 && index < ordered.findIndex((behavior) => behavior.path_pattern === '/api/*'));
    const live = ordered[index]!;
    assert.equal(live.cache_policy_id, MANAGED_POLICY.cachingDisabled);
    assert.equal(live.compress, false);
    assert.deepEqual(live.allowed_methods, ['GET', 'HEAD']);
    const origin = origins.find((candidate) => candidate.origin_id === live.target_origin_id)!;
    assert.equal(origin.domain_name, origins.find((candidate) => candidate.origin_id === 'app')!.domain_name, 'the same load balancer');
  });

  it('waits longer than several heartbeats: CloudFront 60 s for a byte from the origin, the load balancer 120 s idle', () => {
    const live = ordered.find((behavior) => behavior.path_pattern === LIVE_EVENTS_PATH)!;
    const origin = origins.find((candidate) => candidate.origin_id === live.target_origin_id)!;
    assert.equal(origin.vpc_origin_config?.origin_read_timeout, 60);
    assert.ok(origin.vpc_origin_config!.origin_read_timeout >= heartbeatSeconds * 3);
    const balancer = single(synth, 'aws_lb') as Block & { idle_timeout: number };
    assert.equal(balancer.idle_timeout, 120);
    assert.ok(balancer.idle_timeout >= heartbeatSeconds * 4);
    // Other requests keep the shorter read timeout: a stuck page fails fast.
    assert.equal(origins.find((candidate) => candidate.origin_id === 'app')!.vpc_origin_config?.origin_read_timeout, 30);
  });
});
