import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { bucketOrigin, newNonce, pageContentSecurityPolicy, policyOrigins } from '../../lib/security-headers';

const LOCAL = {
  APP_ORIGIN: 'http://localhost:3000',
  AWS_REGION: 'us-east-1',
  ATTACHMENTS_BUCKET: 'todoer-attachments',
  AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4569',
  CLOUDFRONT_URL: undefined,
  CLOUDFRONT_KEY_PAIR_ID: undefined,
  CLOUDFRONT_PRIVATE_KEY: undefined,
};
const CLOUD = { ...LOCAL, APP_ORIGIN: 'https://todo.example.com', AWS_REGION: 'eu-west-1', ATTACHMENTS_BUCKET: 'todoer-prod-attachments', AWS_ENDPOINT_URL_S3: undefined };

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split('; ').map((part) => {
      const [name = '', ...sources] = part.split(' ');
      return [name, sources];
    }),
  );
}

describe('bucketOrigin', () => {
  // The same client settings as lib/aws/s3.ts: path-style exactly when an endpoint is configured.
  for (const settings of [
    LOCAL,
    CLOUD,
    { ...CLOUD, ATTACHMENTS_BUCKET: 'dotted.bucket.name' },
    { ...CLOUD, AWS_REGION: 'cn-north-1' },
  ]) {
    it(`is where the SDK sends uploads and views: ${settings.ATTACHMENTS_BUCKET} in ${settings.AWS_REGION}${settings.AWS_ENDPOINT_URL_S3 ? ' via an endpoint' : ''}`, async () => {
      const client = new S3Client({
        region: settings.AWS_REGION,
        endpoint: settings.AWS_ENDPOINT_URL_S3,
        forcePathStyle: settings.AWS_ENDPOINT_URL_S3 !== undefined,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      });
      const post = await createPresignedPost(client, { Bucket: settings.ATTACHMENTS_BUCKET, Key: 'u/t/a', Expires: 60 });
      const view = await getSignedUrl(client, new GetObjectCommand({ Bucket: settings.ATTACHMENTS_BUCKET, Key: 'u/t/a' }), { expiresIn: 60 });
      assert.equal(bucketOrigin(settings), new URL(post.url).origin);
      assert.equal(bucketOrigin(settings), new URL(view).origin);
    });
  }
});

describe('pageContentSecurityPolicy', () => {
  it('is strict in production: a nonce and strict-dynamic for scripts, nothing unsafe, the bucket for uploads and views', () => {
    const csp = directives(pageContentSecurityPolicy('abc123==', policyOrigins(LOCAL)));
    assert.deepEqual(csp.get('script-src'), ["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    assert.deepEqual(csp.get('style-src'), ["'self'", "'nonce-abc123=='"]);
    assert.deepEqual(csp.get('connect-src'), ["'self'", 'http://127.0.0.1:4569']);
    assert.deepEqual(csp.get('img-src'), ["'self'", 'data:', 'blob:', 'http://127.0.0.1:4569']);
    assert.deepEqual(csp.get('frame-ancestors'), ["'none'"]);
    assert.equal(csp.has('upgrade-insecure-requests'), false);
  });

  it("allows eval and inline styles only in next dev", () => {
    const csp = directives(pageContentSecurityPolicy('abc', policyOrigins(LOCAL), { dev: true }));
    assert.ok(csp.get('script-src')?.includes("'unsafe-eval'"));
    assert.deepEqual(csp.get('style-src'), ["'self'", "'unsafe-inline'"]);
  });

  it('upgrades insecure requests on https, and shows images from CloudFront when it signs them', () => {
    const origins = policyOrigins({
      ...CLOUD,
      CLOUDFRONT_URL: 'https://d111.cloudfront.net/',
      CLOUDFRONT_KEY_PAIR_ID: 'K1',
      CLOUDFRONT_PRIVATE_KEY: 'pem',
    });
    const csp = directives(pageContentSecurityPolicy('abc', origins));
    assert.deepEqual(csp.get('upgrade-insecure-requests'), []);
    assert.deepEqual(csp.get('img-src'), ["'self'", 'data:', 'blob:', 'https://d111.cloudfront.net']);
    assert.deepEqual(csp.get('connect-src'), ["'self'", 'https://todoer-prod-attachments.s3.eu-west-1.amazonaws.com']);
    // Without its key pair, CloudFront signs nothing: views are S3 presigned GETs.
    assert.equal(policyOrigins({ ...CLOUD, CLOUDFRONT_URL: 'https://d111.cloudfront.net' }).images, 'https://todoer-prod-attachments.s3.eu-west-1.amazonaws.com');
  });
});

describe('newNonce', () => {
  it('is 128 random bits in base64, different every time', () => {
    const nonces = new Set(Array.from({ length: 1000 }, newNonce));
    assert.equal(nonces.size, 1000);
    for (const nonce of nonces) assert.equal(Buffer.from(nonce, 'base64').length, 16);
  });
});
