import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { Testing } from 'cdktf';
import { StorageConstruct } from '../../infra/constructs/storage';
import { policyStatements, single, synthConstructs } from '../../infra/testing';

const APP_ORIGIN = 'https://d1234abcd.cloudfront.net';
const DISTRIBUTION_ARN = 'arn:aws:cloudfront::123456789012:distribution/E123';

describe('StorageConstruct', () => {
  const storage = synthConstructs((scope) => {
    const construct = new StorageConstruct(scope, 'storage', { bucketName: 'todoer-dev-attachments', forceDestroy: true });
    construct.grantAccess({ appOrigin: APP_ORIGIN, distributionArn: DISTRIBUTION_ARN });
  });

  it('blocks every kind of public access and enforces bucket ownership', () => {
    assert.ok(
      Testing.toHaveResourceWithProperties(storage.json, S3BucketPublicAccessBlock.tfResourceType, {
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      }),
    );
    assert.deepEqual(single(storage, 'aws_s3_bucket_ownership_controls').rule, { object_ownership: 'BucketOwnerEnforced' });
  });

  it('encrypts every object at rest', () => {
    assert.deepEqual(single(storage, 'aws_s3_bucket_server_side_encryption_configuration').rule, [
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' }, bucket_key_enabled: true },
    ]);
  });

  it("allows browser uploads from the app's real origin only", () => {
    const rules = single(storage, 'aws_s3_bucket_cors_configuration').cors_rule as { allowed_origins: string[]; allowed_methods: string[] }[];
    assert.equal(rules.length, 1);
    assert.deepEqual(rules[0]!.allowed_origins, [APP_ORIGIN]);
    assert.deepEqual(rules[0]!.allowed_methods, ['GET', 'HEAD', 'POST']);
  });

  it('expires abandoned uploads, staging objects included', () => {
    const rules = single(storage, 'aws_s3_bucket_lifecycle_configuration').rule as Record<string, unknown>[];
    const byId = Object.fromEntries(rules.map((rule) => [rule.id, rule]));
    assert.deepEqual(byId['abort-incomplete-multipart-uploads']?.abort_incomplete_multipart_upload, [{ days_after_initiation: 1 }]);
    assert.deepEqual(byId['expire-abandoned-uploads']?.filter, [{ tag: [{ key: 'upload', value: 'pending' }] }]);
    assert.deepEqual(byId['expire-abandoned-uploads']?.expiration, [{ days: 1 }]);
    // Uploads land under staging/ until `complete` copies them: whatever nobody completed goes after a day.
    assert.deepEqual(byId['expire-staging-uploads']?.filter, [{ prefix: 'staging/' }]);
    assert.deepEqual(byId['expire-staging-uploads']?.expiration, [{ days: 1 }]);
    assert.ok(rules.every((rule) => rule.status === 'Enabled'));
  });

  it('lets only the CloudFront distribution read objects, and only over TLS', () => {
    const statements = policyStatements(storage).map(({ statement }) => statement);
    const read = statements.find((statement) => statement.Sid === 'CloudFrontReadsImages');
    assert.deepEqual(read?.Principal, { Service: 'cloudfront.amazonaws.com' });
    assert.equal(read?.Action, 's3:GetObject');
    assert.match(String(read?.Resource), /\/users\/\*$/);
    assert.deepEqual(read?.Condition, { StringEquals: { 'AWS:SourceArn': DISTRIBUTION_ARN } });
    const tls = statements.find((statement) => statement.Sid === 'DenyInsecureTransport');
    assert.equal(tls?.Effect, 'Deny');
    assert.deepEqual(tls?.Condition, { Bool: { 'aws:SecureTransport': false } });
    assert.equal(statements.filter((statement) => statement.Effect === 'Allow').length, 1);
  });
});
