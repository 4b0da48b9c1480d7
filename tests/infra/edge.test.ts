import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control';
import { TerraformOutput, Testing } from 'cdktf';
import { EdgeConstruct, MANAGED_POLICY, VIEWER_TLS_POLICY } from '../../infra/constructs/edge';
import { resources, single, synthConstructs } from '../../infra/testing';

type Behavior = {
  path_pattern?: string;
  target_origin_id: string;
  viewer_protocol_policy: string;
  cache_policy_id: string;
  origin_request_policy_id?: string;
  allowed_methods: string[];
  trusted_key_groups?: string[];
};
type Origin = {
  origin_id: string;
  domain_name: string;
  origin_access_control_id?: string;
  custom_header?: { name: string; value: string }[];
  custom_origin_config?: unknown;
  vpc_origin_config?: { vpc_origin_id: string; origin_read_timeout: number };
};

const PEM = '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n';
const props = {
  prefix: 'todoer-dev',
  app: {
    loadBalancerArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/todoer-dev-alb/abc',
    domainName: 'internal-todoer-dev-alb-123.us-east-1.elb.amazonaws.com',
    httpPort: 80,
    verifyHeader: { name: 'X-Origin-Verify', value: 'shh' },
  },
  images: { bucketRegionalDomainName: 'todoer-dev-attachments.s3.us-east-1.amazonaws.com' },
  signingKeys: { publicKeys: [{ id: '1', pem: PEM }], active: '1' },
  priceClass: 'PriceClass_100',
};

describe('EdgeConstruct', () => {
  const edge = synthConstructs((scope) => {
    new TerraformOutput(scope, 'url', { value: new EdgeConstruct(scope, 'edge', props).url });
  });
  const url = String(edge.output.url?.value);
  const distribution = single(edge, 'aws_cloudfront_distribution');
  const origins = distribution.origin as Origin[];
  const behaviors = [distribution.default_cache_behavior as Behavior, ...(distribution.ordered_cache_behavior as Behavior[])];
  const behavior = (pattern: string) => behaviors.find((candidate) => candidate.path_pattern === pattern);

  it('serves viewers over HTTPS only', () => {
    assert.ok(behaviors.every((candidate) => ['redirect-to-https', 'https-only'].includes(candidate.viewer_protocol_policy)));
    // AWS fixes the default certificate's policy at TLSv1 (the load balancer refuses TLS < 1.2 instead).
    assert.deepEqual(distribution.viewer_certificate, { cloudfront_default_certificate: true, minimum_protocol_version: 'TLSv1' });
    assert.match(url, /^https:\/\/\$\{aws_cloudfront_distribution\.[^}]+\.domain_name\}$/);
  });

  it('sends pages and /api/* to the app uncached, with every viewer header, cookie and query, and the viewer TLS header', () => {
    const policy = single(edge, 'aws_cloudfront_origin_request_policy');
    for (const candidate of [behaviors[0]!, behavior('/api/*')!]) {
      assert.equal(candidate.target_origin_id, 'app');
      assert.equal(candidate.cache_policy_id, MANAGED_POLICY.cachingDisabled);
      assert.match(String(candidate.origin_request_policy_id), /^\$\{aws_cloudfront_origin_request_policy\./);
      assert.ok(candidate.allowed_methods.includes('POST') && candidate.allowed_methods.includes('DELETE'));
    }
    assert.deepEqual(policy.headers_config, { header_behavior: 'allViewerAndWhitelistCloudFront', headers: { items: ['CloudFront-Viewer-TLS'] } });
    assert.deepEqual(policy.cookies_config, { cookie_behavior: 'all' });
    assert.deepEqual(policy.query_strings_config, { query_string_behavior: 'all' });
  });

  it('reaches the internal load balancer through a VPC origin, not over the internet', () => {
    const vpcOrigin = single(edge, 'aws_cloudfront_vpc_origin');
    assert.deepEqual(vpcOrigin.vpc_origin_endpoint_config, [
      {
        name: 'todoer-dev-app',
        arn: props.app.loadBalancerArn,
        http_port: 80,
        https_port: 443,
        origin_protocol_policy: 'http-only',
        origin_ssl_protocols: [{ items: ['TLSv1.2'], quantity: 1 }],
      },
    ]);
    const app = origins.find((origin) => origin.origin_id === 'app')!;
    assert.match(String(app.vpc_origin_config?.vpc_origin_id), /^\$\{aws_cloudfront_vpc_origin\.edge_app-vpc-origin_[0-9A-F]{8}\.id\}$/);
    assert.equal(app.vpc_origin_config?.origin_read_timeout, 30);
    assert.equal(app.custom_origin_config, undefined, 'no public custom origin');
    assert.equal(app.domain_name, props.app.domainName);
  });

  it('attaches the web ACL it is given, and none otherwise', () => {
    assert.equal(distribution.web_acl_id, undefined);
    const withWaf = synthConstructs((scope) => new EdgeConstruct(scope, 'edge', { ...props, webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/todoer-dev/1' }));
    assert.equal(single(withWaf, 'aws_cloudfront_distribution').web_acl_id, 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/todoer-dev/1');
  });

  it('caches /_next/static/*', () => {
    assert.equal(behavior('/_next/static/*')?.cache_policy_id, MANAGED_POLICY.cachingOptimized);
    assert.equal(behavior('/_next/static/*')?.target_origin_id, 'app');
  });

  it('adds the secret header the load balancer checks to every app request', () => {
    const app = origins.find((origin) => origin.origin_id === 'app')!;
    assert.deepEqual(app.custom_header, [{ name: 'X-Origin-Verify', value: 'shh' }]);
  });

  it('reads images from the private bucket through Origin Access Control', () => {
    assert.ok(
      Testing.toHaveResourceWithProperties(edge.json, CloudfrontOriginAccessControl.tfResourceType, {
        origin_access_control_origin_type: 's3',
        signing_behavior: 'always',
        signing_protocol: 'sigv4',
      }),
    );
    const images = origins.find((origin) => origin.origin_id === 'images')!;
    assert.equal(images.domain_name, props.images.bucketRegionalDomainName);
    assert.match(String(images.origin_access_control_id), /aws_cloudfront_origin_access_control\./);
  });

  it('serves /users/* only on URLs signed by the trusted key group', () => {
    const images = behavior('/users/*');
    assert.equal(images?.target_origin_id, 'images');
    assert.deepEqual(images?.allowed_methods, ['GET', 'HEAD']);
    assert.equal(images?.trusted_key_groups?.length, 1);
    assert.match(images!.trusted_key_groups![0]!, /aws_cloudfront_key_group\./);
    const keyGroup = single(edge, 'aws_cloudfront_key_group');
    assert.deepEqual((keyGroup.items as string[]).map((item) => item.replace(/_[0-9A-F]{8}\.id\}$/, '')), ['${aws_cloudfront_public_key.edge_signing-public-key-1']);
    assert.equal(single(edge, 'aws_cloudfront_public_key').encoded_key, PEM);
    assert.ok(behaviors.filter((candidate) => candidate.trusted_key_groups).length === 1, 'only images need signatures');
  });

  it('trusts every key of a rotation at once, and names the active one for the app', () => {
    const rotating = synthConstructs((scope) => {
      const edgeOfRotation = new EdgeConstruct(scope, 'edge', {
        ...props,
        signingKeys: { publicKeys: [{ id: '1', pem: PEM }, { id: '2', pem: PEM.replace('MIIB', 'MIIC') }], active: '2' },
      });
      new TerraformOutput(scope, 'key', { value: edgeOfRotation.signingKeyId });
    });
    const activeKeyId = String(rotating.output.key?.value);
    const keys = Object.keys(rotating.resource.aws_cloudfront_public_key ?? {});
    assert.equal(keys.length, 2);
    assert.deepEqual(single(rotating, 'aws_cloudfront_key_group').items, keys.map((address) => `\${aws_cloudfront_public_key.${address}.id}`));
    assert.match(activeKeyId, /^\$\{aws_cloudfront_public_key\.edge_signing-public-key-2_[0-9A-F]{8}\.id\}$/);
    assert.throws(() => synthConstructs((scope) => new EdgeConstruct(scope, 'edge', { ...props, signingKeys: { publicKeys: [{ id: '1', pem: PEM }], active: '2' } })), /no public key/);
  });

  it('sends HSTS', () => {
    const policy = single(edge, 'aws_cloudfront_response_headers_policy');
    assert.deepEqual((policy.security_headers_config as { strict_transport_security: unknown }).strict_transport_security, {
      access_control_max_age_sec: 63_072_000,
      include_subdomains: true,
      override: true,
    });
  });

  it('uses a custom domain with its ACM certificate when one is configured', () => {
    const domain = { name: 'todo.example.com', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' };
    let customUrl = '';
    const custom = synthConstructs((scope) => {
      customUrl = new EdgeConstruct(scope, 'edge', { ...props, domain }).url;
    });
    const customDistribution = resources(custom, 'aws_cloudfront_distribution')[0]!;
    assert.deepEqual(customDistribution.aliases, ['todo.example.com']);
    assert.deepEqual(customDistribution.viewer_certificate, {
      acm_certificate_arn: domain.certificateArn,
      ssl_support_method: 'sni-only',
      minimum_protocol_version: 'TLSv1.2_2021',
    });
    assert.equal(VIEWER_TLS_POLICY, 'TLSv1.2_2021');
    assert.equal(customUrl, 'https://todo.example.com');
  });
});
