import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontKeyGroup } from '@cdktf/provider-aws/lib/cloudfront-key-group';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control';
import { CloudfrontPublicKey } from '@cdktf/provider-aws/lib/cloudfront-public-key';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import { Construct } from 'constructs';
import type { DomainConfig } from '../config';
import { OBJECT_PREFIX } from './storage';

/** AWS-managed CloudFront policies; their ids are fixed and documented by AWS. */
export const MANAGED_POLICY = {
  cachingDisabled: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
  cachingOptimized: '658327ea-f89d-4fab-a63d-7e88639e58f6',
  allViewer: '216adef6-5c7f-47e4-b989-5492eafa07d3',
} as const;

const APP_ORIGIN_ID = 'app';
const IMAGES_ORIGIN_ID = 'images';
const ALL_METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'];
const READ_METHODS = ['GET', 'HEAD'];

export type EdgeProps = {
  readonly prefix: string;
  /** The load balancer, reached over HTTP with the secret header the listener checks. */
  readonly app: { readonly domainName: string; readonly verifyHeader: { readonly name: string; readonly value: string } };
  /** The attachments bucket, read through Origin Access Control. */
  readonly images: { readonly bucketRegionalDomainName: string };
  /** Public key whose private half signs image URLs. */
  readonly signingPublicKeyPem: string;
  readonly priceClass: string;
  readonly domain?: DomainConfig;
};

/**
 * CloudFront in front of everything: HTTPS to viewers, the app uncached (pages and /api/*),
 * /_next/static/* cached, and /users/* images from the private bucket for signed URLs only.
 */
export class EdgeConstruct extends Construct {
  readonly distributionId: string;
  readonly distributionArn: string;
  readonly domainName: string;
  /** The app's real origin, e.g. https://d1234.cloudfront.net (APP_ORIGIN). */
  readonly url: string;
  /** Id of the public key that verifies signed image URLs (CLOUDFRONT_KEY_PAIR_ID). */
  readonly signingKeyId: string;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    const accessControl = new CloudfrontOriginAccessControl(this, 'images-oac', {
      name: `${props.prefix}-images`,
      description: 'CloudFront reads the private attachments bucket',
      originAccessControlOriginType: 's3',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    });
    const publicKey = new CloudfrontPublicKey(this, 'signing-public-key', {
      namePrefix: `${props.prefix}-images-`,
      comment: 'Verifies signed image URLs',
      encodedKey: props.signingPublicKeyPem,
    });
    const keyGroup = new CloudfrontKeyGroup(this, 'signing-key-group', {
      name: `${props.prefix}-images`,
      items: [publicKey.id],
    });
    const securityHeaders = new CloudfrontResponseHeadersPolicy(this, 'hsts', {
      name: `${props.prefix}-hsts`,
      securityHeadersConfig: {
        strictTransportSecurity: { accessControlMaxAgeSec: 63_072_000, includeSubdomains: true, override: true },
      },
    });

    const uncached = {
      targetOriginId: APP_ORIGIN_ID,
      viewerProtocolPolicy: 'redirect-to-https',
      allowedMethods: ALL_METHODS,
      cachedMethods: READ_METHODS,
      cachePolicyId: MANAGED_POLICY.cachingDisabled,
      originRequestPolicyId: MANAGED_POLICY.allViewer,
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
      origin: [
        {
          originId: APP_ORIGIN_ID,
          domainName: props.app.domainName,
          customHeader: [{ name: props.app.verifyHeader.name, value: props.app.verifyHeader.value }],
          customOriginConfig: {
            httpPort: 80,
            httpsPort: 443,
            originProtocolPolicy: 'http-only',
            originSslProtocols: ['TLSv1.2'],
            originReadTimeout: 30,
          },
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
          trustedKeyGroups: [keyGroup.id],
          compress: true,
        },
      ],
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: props.domain
        ? { acmCertificateArn: props.domain.certificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' }
        : { cloudfrontDefaultCertificate: true },
    });

    this.distributionId = distribution.id;
    this.distributionArn = distribution.arn;
    this.domainName = distribution.domainName;
    this.url = `https://${props.domain ? props.domain.name : distribution.domainName}`;
    this.signingKeyId = publicKey.id;
  }
}
