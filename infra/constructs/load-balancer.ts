import { DataAwsEc2ManagedPrefixList } from '@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Password } from '@cdktf/provider-random/lib/password';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { LOAD_BALANCER_IDLE_TIMEOUT_SECONDS } from '../../lib/live/timing';

/** The header CloudFront adds to every origin request; the listener forwards only requests carrying it. */
export const ORIGIN_VERIFY_HEADER = 'X-Origin-Verify';
export const CLOUDFRONT_PREFIX_LIST = 'com.amazonaws.global.cloudfront.origin-facing';
/** The protocol and cipher of the viewer's connection, which CloudFront adds when the origin request policy asks for it. */
export const VIEWER_TLS_HEADER = 'CloudFront-Viewer-TLS';
/** CloudFront's listener port for the VPC origin: HTTP, inside the VPC (infra/README.md, "Edge to origin"). */
export const LISTENER_PORT = 80;

/** RFC 9457 body of the answer to a viewer on TLS below 1.2 (ALB fixed responses allow application/json, not problem+json). */
export const LEGACY_TLS_PROBLEM = JSON.stringify({
  type: 'about:blank',
  title: 'Upgrade Required',
  status: 426,
  detail: 'This site needs TLS 1.2 or later; update your browser or client.',
});

export type LoadBalancerProps = {
  readonly prefix: string;
  readonly vpcId: string;
  /** Private subnets: the load balancer is internal and reached through CloudFront's VPC origin only. */
  readonly subnetIds: string[];
  readonly appPort: number;
  /** The target group's check: the cheap liveness route, so a backend blip does not take every task out. */
  readonly healthCheckPath: string;
};

/**
 * The internal application load balancer in front of the tasks: no public address, no internet route.
 * Only CloudFront's VPC origin reaches it: the security group admits CloudFront's origin-facing prefix
 * list alone, requests without the secret header get 403, and viewers on TLS below 1.2 get 426.
 */
export class LoadBalancerConstruct extends Construct {
  /** What the CloudFront VPC origin points at. */
  readonly arn: string;
  readonly dnsName: string;
  readonly arnSuffix: string;
  readonly securityGroupId: string;
  readonly targetGroupArn: string;
  readonly targetGroupArnSuffix: string;
  readonly originVerifyHeader: { readonly name: string; readonly value: string };
  /** Ready once the target group is attached to the listener (ECS refuses an unattached group). */
  readonly ready: ITerraformDependable;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    const cloudfront = new DataAwsEc2ManagedPrefixList(this, 'cloudfront-origin-facing', { name: CLOUDFRONT_PREFIX_LIST });
    const securityGroup = new SecurityGroup(this, 'sg', {
      name: `${props.prefix}-alb`,
      description: 'Internal load balancer: HTTP from the CloudFront VPC origin only',
      vpcId: props.vpcId,
      revokeRulesOnDelete: true,
    });
    new VpcSecurityGroupIngressRule(this, 'from-cloudfront', {
      securityGroupId: securityGroup.id,
      description: 'CloudFront origin-facing servers',
      ipProtocol: 'tcp',
      fromPort: LISTENER_PORT,
      toPort: LISTENER_PORT,
      prefixListId: cloudfront.id,
    });

    const balancer = new Lb(this, 'alb', {
      name: `${props.prefix}-alb`,
      loadBalancerType: 'application',
      internal: true,
      securityGroups: [securityGroup.id],
      subnets: props.subnetIds,
      dropInvalidHeaderFields: true,
      // Live streams (GET /api/events) stay open; their heartbeats keep them well inside this.
      idleTimeout: LOAD_BALANCER_IDLE_TIMEOUT_SECONDS,
    });
    const targetGroup = new LbTargetGroup(this, 'targets', {
      name: `${props.prefix}-app`,
      port: props.appPort,
      protocol: 'HTTP',
      targetType: 'ip',
      vpcId: props.vpcId,
      deregistrationDelay: '30',
      healthCheck: {
        enabled: true,
        path: props.healthCheckPath,
        matcher: '200',
        interval: 15,
        timeout: 5,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
      },
    });
    const listener = new LbListener(this, 'http', {
      loadBalancerArn: balancer.arn,
      port: LISTENER_PORT,
      protocol: 'HTTP',
      defaultAction: [
        { type: 'fixed-response', fixedResponse: { contentType: 'text/plain', statusCode: '403', messageBody: 'Forbidden' } },
      ],
    });
    // With the default *.cloudfront.net certificate CloudFront accepts TLS 1.0 from viewers; refuse it here.
    new LbListenerRule(this, 'refuse-legacy-tls', {
      listenerArn: listener.arn,
      priority: 5,
      condition: [{ httpHeader: { httpHeaderName: VIEWER_TLS_HEADER, values: ['TLSv1:*', 'TLSv1.1:*'] } }],
      action: [
        { type: 'fixed-response', fixedResponse: { contentType: 'application/json', statusCode: '426', messageBody: LEGACY_TLS_PROBLEM } },
      ],
    });
    // Defence in depth behind the security group: ties the load balancer to this distribution's origin.
    const secret = new Password(this, 'origin-verify-secret', { length: 48, special: false });
    const rule = new LbListenerRule(this, 'from-cloudfront-only', {
      listenerArn: listener.arn,
      priority: 10,
      condition: [{ httpHeader: { httpHeaderName: ORIGIN_VERIFY_HEADER, values: [secret.result] } }],
      action: [{ type: 'forward', targetGroupArn: targetGroup.arn }],
    });

    this.arn = balancer.arn;
    this.dnsName = balancer.dnsName;
    this.arnSuffix = balancer.arnSuffix;
    this.securityGroupId = securityGroup.id;
    this.targetGroupArn = targetGroup.arn;
    this.targetGroupArnSuffix = targetGroup.arnSuffix;
    this.originVerifyHeader = { name: ORIGIN_VERIFY_HEADER, value: secret.result };
    this.ready = rule;
  }
}
