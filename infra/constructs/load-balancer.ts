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

/** The header CloudFront adds to every origin request; the listener forwards only requests carrying it. */
export const ORIGIN_VERIFY_HEADER = 'X-Origin-Verify';
export const CLOUDFRONT_PREFIX_LIST = 'com.amazonaws.global.cloudfront.origin-facing';

export type LoadBalancerProps = {
  readonly prefix: string;
  readonly vpcId: string;
  readonly publicSubnetIds: string[];
  readonly appPort: number;
  readonly healthCheckPath: string;
};

/**
 * The application load balancer in front of the tasks. Only CloudFront reaches it: its security group
 * admits CloudFront's origin-facing prefix list alone, and requests without the secret header get 403.
 */
export class LoadBalancerConstruct extends Construct {
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
      description: 'Load balancer: HTTP from CloudFront only',
      vpcId: props.vpcId,
      revokeRulesOnDelete: true,
    });
    new VpcSecurityGroupIngressRule(this, 'from-cloudfront', {
      securityGroupId: securityGroup.id,
      description: 'CloudFront origin-facing servers',
      ipProtocol: 'tcp',
      fromPort: 80,
      toPort: 80,
      prefixListId: cloudfront.id,
    });

    const balancer = new Lb(this, 'alb', {
      name: `${props.prefix}-alb`,
      loadBalancerType: 'application',
      internal: false,
      securityGroups: [securityGroup.id],
      subnets: props.publicSubnetIds,
      dropInvalidHeaderFields: true,
      idleTimeout: 60,
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
      port: 80,
      protocol: 'HTTP',
      defaultAction: [
        { type: 'fixed-response', fixedResponse: { contentType: 'text/plain', statusCode: '403', messageBody: 'Forbidden' } },
      ],
    });
    const secret = new Password(this, 'origin-verify-secret', { length: 48, special: false });
    const rule = new LbListenerRule(this, 'from-cloudfront-only', {
      listenerArn: listener.arn,
      priority: 10,
      condition: [{ httpHeader: { httpHeaderName: ORIGIN_VERIFY_HEADER, values: [secret.result] } }],
      action: [{ type: 'forward', targetGroupArn: targetGroup.arn }],
    });

    this.dnsName = balancer.dnsName;
    this.arnSuffix = balancer.arnSuffix;
    this.securityGroupId = securityGroup.id;
    this.targetGroupArn = targetGroup.arn;
    this.targetGroupArnSuffix = targetGroup.arnSuffix;
    this.originVerifyHeader = { name: ORIGIN_VERIFY_HEADER, value: secret.result };
    this.ready = rule;
  }
}
