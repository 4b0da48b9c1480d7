import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontKeyGroup } from '@cdktf/provider-aws/lib/cloudfront-key-group';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control';
import { CloudfrontOriginRequestPolicy } from '@cdktf/provider-aws/lib/cloudfront-origin-request-policy';
import { CloudfrontPublicKey } from '@cdktf/provider-aws/lib/cloudfront-public-key';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import { CloudfrontVpcOrigin } from '@cdktf/provider-aws/lib/cloudfront-vpc-origin';
import { Construct } from 'constructs';
import type { DomainConfig } from '../config';
import { EDGE_STREAM_READ_TIMEOUT_SECONDS } from '../../lib/live/timing';
import { VIEWER_TLS_HEADER } from './load-balancer';
import { OBJECT_PREFIX } from './storage';

/** AWS-managed CloudFront policies; their ids are fixed and documented by AWS. */
export const MANAGED_POLICY = {
  cachingDisabled: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
  cachingOptimized: '658327ea-f89d-4fab-a63d-7e88639e58f6',
} as const;

/** The viewer TLS floor with a certificate of ours; with the default *.cloudfront.net one AWS fixes it at TLSv1. */
export const VIEWER_TLS_POLICY = 'TLSv1.2_2021';

const APP_ORIGIN_ID = 'app';
/** The same load balancer for live streams, with a read timeout their heartbeats stay inside. */
const STREAM_ORIGIN_ID = 'app-streams';
export const LIVE_EVENTS_PATH = '/api/events';
const IMAGES_ORIGIN_ID = 'images';
const ALL_METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'];
const READ_METHODS = ['GET', 'HEAD'];

export type SigningPublicKey = { readonly id: string; readonly pem: string };

export type EdgeProps = {
  readonly prefix: string;
  /** The internal load balancer, reached through a VPC origin over HTTP with the secret header the listener checks. */
  readonly app: {
    readonly loadBalancerArn: string;
    readonly domainName: string;
    readonly httpPort: number;
    readonly verifyHeader: { readonly name: string; readonly value: string };
  };
  /** The attachments bucket, read through Origin Access Control. */
  readonly images: { readonly bucketRegionalDomainName: string };
  /** Public keys whose private halves sign image URLs: all of them are trusted, the app signs with `active`. */
  readonly signingKeys: { readonly publicKeys: readonly SigningPublicKey[]; readonly active: string };
  /** A CLOUDFRONT-scope WAF web ACL to attach. */
  readonly webAclArn?: string;
  readonly priceClass: string;
  readonly domain?: DomainConfig;
};

/**
 * CloudFront in front of everything: HTTPS to viewers, the app uncached (pages and /api/*) through a VPC
 * origin, live streams (/api/events) uncompressed with a longer read timeout, /_next/static/* cached, and /users/* images from the private bucket for signed URLs only.
 */
export class EdgeConstruct extends Construct {
  readonly distributionId: string;
  readonly distributionArn: string;
  readonly domainName: string;
  /** The app's real origin, e.g. https://d1234.cloudfront.net (APP_ORIGIN). */
  readonly url: string;
  /** Id of the public key of the active signing key (CLOUDFRONT_KEY_PAIR_ID). */
  readonly signingKeyId: string;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    const vpcOrigin = new CloudfrontVpcOrigin(this, 'app-vpc-origin', {
      vpcOriginEndpointConfig: [
        {
          name: `${props.prefix}-app`,
          arn: props.app.loadBalancerArn,
          httpPort: props.app.httpPort,
          httpsPort: 443,
          // Inside the VPC, on AWS's network: the load balancer has no certificate for its internal name.
          originProtocolPolicy: 'http-only',
          originSslProtocols: [{ items: ['TLSv1.2'], quantity: 1 }],
        },
      ],
    });
    const accessControl = new CloudfrontOriginAccessControl(this, 'images-oac', {
      name: `${props.prefix}-images`,
      description: 'CloudFront reads the private attachments bucket',
      originAccessControlOriginType: 's3',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    });
    const keyGroup = this.signingKeyGroup(props);
    const securityHeaders = new CloudfrontResponseHeadersPolicy(this, 'hsts', {
      name: `${props.prefix}-hsts`,
      securityHeadersConfig: {
        strictTransportSecurity: { accessControlMaxAgeSec: 63_072_000, includeSubdomains: true, override: true },
      },
    });
    // Every viewer header, cookie and query, plus the viewer's TLS version, which the load balancer checks.
    const toApp = new CloudfrontOriginRequestPolicy(this, 'app-requests', {
      name: `${props.prefix}-app`,
      comment: 'All viewer values and CloudFront-Viewer-TLS',
      headersConfig: { headerBehavior: 'allViewerAndWhitelistCloudFront', headers: { items: [VIEWER_TLS_HEADER] } },
      cookiesConfig: { cookieBehavior: 'all' },
      queryStringsConfig: { queryStringBehavior: 'all' },
    });

    const uncached = {
      targetOriginId: APP_ORIGIN_ID,
      viewerProtocolPolicy: 'redirect-to-https',
      allowedMethods: ALL_METHODS,
      cachedMethods: READ_METHODS,
      cachePolicyId: MANAGED_POLICY.cachingDisabled,
      originRequestPolicyId: toApp.id,
      responseHeadersPolicyId: securityHeaders.id,
      compress: true,
    };
    const distribution = new CloudfrontDistribution(this, 'distribution', {
      enabled: true,
      comment: props.prefix,
      httpVersion: 'http2and3',
      isIpv6Enabled: true,
      priceClass: props.priceClass,
      aliases: props.domain ? [props.domain.name] : undefined,
      webAclId: props.webAclArn,
      origin: [
        {
          originId: APP_ORIGIN_ID,
          domainName: props.app.domainName,
          customHeader: [{ name: props.app.verifyHeader.name, value: props.app.verifyHeader.value }],
          vpcOriginConfig: { vpcOriginId: vpcOrigin.id, originReadTimeout: 30, originKeepaliveTimeout: 5 },
        },
        {
          originId: STREAM_ORIGIN_ID,
          domainName: props.app.domainName,
          customHeader: [{ name: props.app.verifyHeader.name, value: props.app.verifyHeader.value }],
          vpcOriginConfig: { vpcOriginId: vpcOrigin.id, originReadTimeout: EDGE_STREAM_READ_TIMEOUT_SECONDS, originKeepaliveTimeout: EDGE_STREAM_READ_TIMEOUT_SECONDS },
        },
        {
          originId: IMAGES_ORIGIN_ID,
          domainName: props.images.bucketRegionalDomainName,
          originAccessControlId: accessControl.id,
          s3OriginConfig: { originAccessIdentity: '' },
        },
      ],
      defaultCacheBehavior: uncached,
      orderedCacheBehavior: [
        // Before /api/*: never cached, never compressed (CloudFront would buffer to compress), GET only.
        {
          ...uncached,
          pathPattern: LIVE_EVENTS_PATH,
          targetOriginId: STREAM_ORIGIN_ID,
          allowedMethods: READ_METHODS,
          compress: false,
        },
        { ...uncached, pathPattern: '/api/*' },
        {
          pathPattern: '/_next/static/*',
          targetOriginId: APP_ORIGIN_ID,
          viewerProtocolPolicy: 'redirect-to-https',
          allowedMethods: READ_METHODS,
          cachedMethods: READ_METHODS,
          cachePolicyId: MANAGED_POLICY.cachingOptimized,
          responseHeadersPolicyId: securityHeaders.id,
          compress: true,
        },
        {
          pathPattern: `/${OBJECT_PREFIX}*`,
          targetOriginId: IMAGES_ORIGIN_ID,
          viewerProtocolPolicy: 'https-only',
          allowedMethods: READ_METHODS,
          cachedMethods: READ_METHODS,
          cachePolicyId: MANAGED_POLICY.cachingOptimized,
          responseHeadersPolicyId: securityHeaders.id,
          trustedKeyGroups: [keyGroup.group.id],
          compress: true,
        },
      ],
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: props.domain
        ? { acmCertificateArn: props.domain.certificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: VIEWER_TLS_POLICY }
        : // AWS sets TLSv1 for the default certificate whatever is asked; the load balancer refuses TLS < 1.2 instead.
          { cloudfrontDefaultCertificate: true, minimumProtocolVersion: 'TLSv1' },
    });

    this.distributionId = distribution.id;
    this.distributionArn = distribution.arn;
    this.domainName = distribution.domainName;
    this.url = `https://${props.domain ? props.domain.name : distribution.domainName}`;
    this.signingKeyId = keyGroup.activeKeyId;
  }

  /** One CloudFront public key per signing key, all in the key group the images behaviour trusts. */
  private signingKeyGroup(props: EdgeProps): { group: CloudfrontKeyGroup; activeKeyId: string } {
    const keys = props.signingKeys.publicKeys.map(
      (key) =>
        [
          key.id,
          new CloudfrontPublicKey(this, `signing-public-key-${key.id}`, {
            namePrefix: `${props.prefix}-images-${key.id}-`,
            comment: `Verifies signed image URLs (key ${key.id})`,
            encodedKey: key.pem,
          }),
        ] as const,
    );
    const active = keys.find(([keyId]) => keyId === props.signingKeys.active)?.[1];
    if (!active) throw new Error(`the active signing key "${props.signingKeys.active}" has no public key`);
    const group = new CloudfrontKeyGroup(this, 'signing-key-group', {
      name: `${props.prefix}-images`,
      items: keys.map(([, key]) => key.id),
    });
    return { group, activeKeyId: active.id };
  }
}
