import { ElasticacheServerlessCache } from '@cdktf/provider-aws/lib/elasticache-serverless-cache';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';

/** ElastiCache Serverless listens here (6380 is its reader endpoint, which pub/sub does not use). */
export const LIVE_PUBSUB_PORT = 6379;

export type LivePubSubProps = {
  readonly prefix: string;
  readonly vpcId: string;
  readonly subnetIds: string[];
};

/**
 * Live fan-out between app tasks (lib/live/redis.ts): ElastiCache Serverless for Valkey, reachable from
 * the app tasks only, TLS only (serverless caches accept nothing else). Pub/sub keeps no data, so its
 * storage and compute are capped at the minimum the service bills.
 */
export class LivePubSubConstruct extends Construct {
  /** LIVE_PUBSUB_URL: `rediss://` (TLS) to the cache's endpoint. */
  readonly url: string;
  readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: LivePubSubProps) {
    super(scope, id);
    const securityGroup = new SecurityGroup(this, 'sg', {
      name: `${props.prefix}-live`,
      description: 'Live pub/sub: reachable from the app tasks only',
      vpcId: props.vpcId,
      revokeRulesOnDelete: true,
    });
    const cache = new ElasticacheServerlessCache(this, 'cache', {
      name: `${props.prefix}-live`,
      description: 'Live updates between app tasks (pub/sub only)',
      engine: 'valkey',
      majorEngineVersion: '8',
      subnetIds: props.subnetIds,
      securityGroupIds: [securityGroup.id],
      cacheUsageLimits: [{ dataStorage: [{ maximum: 1, unit: 'GB' }], ecpuPerSecond: [{ maximum: 5000 }] }],
    });
    this.securityGroupId = securityGroup.id;
    this.url = `rediss://${cache.endpoint.get(0).address}:${LIVE_PUBSUB_PORT}`;
  }

  /** Lets the app tasks (and nothing else) reach the cache. */
  allowFrom(taskSecurityGroupId: string): void {
    new VpcSecurityGroupIngressRule(this, 'from-tasks', {
      securityGroupId: this.securityGroupId,
      description: 'From the app tasks',
      ipProtocol: 'tcp',
      fromPort: LIVE_PUBSUB_PORT,
      toPort: LIVE_PUBSUB_PORT,
      referencedSecurityGroupId: taskSecurityGroupId,
    });
    new VpcSecurityGroupEgressRule(this, 'tasks-to-cache', {
      securityGroupId: taskSecurityGroupId,
      description: 'To the live pub/sub cache',
      ipProtocol: 'tcp',
      fromPort: LIVE_PUBSUB_PORT,
      toPort: LIVE_PUBSUB_PORT,
      referencedSecurityGroupId: this.securityGroupId,
    });
  }
}
