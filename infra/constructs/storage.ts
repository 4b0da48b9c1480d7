import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketCorsConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-cors-configuration';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { Construct } from 'constructs';
import { OBJECT_PREFIX, STAGING_PREFIX } from '../../lib/attachments/keys';
import { policyDocument } from './policy';

/** Served objects live under users/{sub}/ (SPEC §3), uploads land under staging/ first (lib/attachments/keys.ts). */
export { OBJECT_PREFIX, STAGING_PREFIX };
/** How long a staging object may stay: the app's sweeper takes them after an hour, this rule is the backstop. */
export const STAGING_EXPIRY_DAYS = 1;
/** Objects tagged this way by app versions before staging keys; the rule expires what they left. */
export const PENDING_UPLOAD_TAG = { key: 'upload', value: 'pending' } as const;

/** The browser-upload CORS rule, the same as scripts/provision.ts sets on the local emulator (and deploy.sh checks). */
export function uploadCorsRule(origins: readonly string[]) {
  return {
    allowedOrigins: [...origins],
    allowedMethods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: ['*'],
    exposeHeaders: ['ETag'],
    maxAgeSeconds: 3000,
  };
}

export type StorageProps = {
  readonly bucketName: string;
  /** Lets `terraform destroy` empty and remove the bucket. */
  readonly forceDestroy: boolean;
};

export type StorageAccess = {
  /** The app's real origin (https://…), the only one allowed to upload from a browser. */
  readonly appOrigin: string;
  /** The CloudFront distribution that serves images through Origin Access Control. */
  readonly distributionArn: string;
};

/**
 * The private attachments bucket: public access blocked, owner-enforced, encrypted, abandoned uploads
 * expire. `grantAccess` adds what needs the edge first: CORS for the app's origin and CloudFront reads.
 */
export class StorageConstruct extends Construct {
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly bucketRegionalDomainName: string;
  /** ARN pattern of the served objects (users/). */
  readonly objectsArn: string;
  /** ARN pattern of the uploads waiting to be completed (staging/). */
  readonly stagingObjectsArn: string;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    const bucket = new S3Bucket(this, 'bucket', { bucket: props.bucketName, forceDestroy: props.forceDestroy });
    new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', {
      bucket: bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' }, bucketKeyEnabled: true }],
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: bucket.id,
      rule: [
        {
          id: 'abort-incomplete-multipart-uploads',
          status: 'Enabled',
          filter: [{}],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
        },
        {
          id: 'expire-abandoned-uploads',
          status: 'Enabled',
          filter: [{ tag: [{ key: PENDING_UPLOAD_TAG.key, value: PENDING_UPLOAD_TAG.value }] }],
          expiration: [{ days: 1 }],
        },
        {
          id: 'expire-staging-uploads',
          status: 'Enabled',
          filter: [{ prefix: STAGING_PREFIX }],
          expiration: [{ days: STAGING_EXPIRY_DAYS }],
        },
      ],
    });
    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
    this.bucketRegionalDomainName = bucket.bucketRegionalDomainName;
    this.objectsArn = `${bucket.arn}/${OBJECT_PREFIX}*`;
    this.stagingObjectsArn = `${bucket.arn}/${STAGING_PREFIX}*`;
  }

  /** CORS for the app's origin only, and reads by the CloudFront distribution; everything else stays denied. */
  grantAccess(access: StorageAccess): void {
    new S3BucketCorsConfiguration(this, 'cors', {
      bucket: this.bucketName,
      corsRule: [uploadCorsRule([access.appOrigin])],
    });
    new S3BucketPolicy(this, 'policy', {
      bucket: this.bucketName,
      policy: policyDocument([
        {
          Sid: 'CloudFrontReadsImages',
          Effect: 'Allow',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 's3:GetObject',
          Resource: this.objectsArn,
          Condition: { StringEquals: { 'AWS:SourceArn': access.distributionArn } },
        },
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [this.bucketArn, `${this.bucketArn}/*`],
          Condition: { Bool: { 'aws:SecureTransport': false } },
        },
      ]),
    });
  }
}
