import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { LocalBackend, S3Backend, type TerraformStack } from 'cdktf';
import path from 'node:path';
import type { EnvironmentConfig } from '../config';

/** Write-only arguments (`secret_string_wo`) need Terraform 1.11; older versions would reject the stack late. */
export const REQUIRED_TERRAFORM_VERSION = '>= 1.11.0';
export const US_EAST_1 = 'us-east-1';

const defaultTags = (stackName: string, config: EnvironmentConfig) => [
  { tags: { Project: 'todoer', Environment: config.environment, Stack: stackName, ManagedBy: 'cdktf' } },
];

/**
 * The AWS provider (every resource tagged with its project and environment), the Terraform version and the
 * state backend. Returns the provider for us-east-1, where CloudFront's certificates and web ACLs live: the
 * default one when the stack is there, else an aliased one.
 */
export function configureStack(stack: TerraformStack, stackName: string, config: EnvironmentConfig): AwsProvider {
  const provider = new AwsProvider(stack, 'aws', { region: config.region, defaultTags: defaultTags(stackName, config) });
  stack.addOverride('terraform.required_version', REQUIRED_TERRAFORM_VERSION);
  const backend = config.stateBackend;
  if (backend.kind === 's3') {
    new S3Backend(stack, {
      bucket: backend.bucket,
      key: `${backend.keyPrefix}/${stackName}.tfstate`,
      region: backend.region,
      encrypt: true,
      dynamodbTable: backend.lockTable,
    });
    // Without a lock table, S3's own conditional writes lock the state (Terraform >= 1.10).
    if (!backend.lockTable) stack.addOverride('terraform.backend.s3.use_lockfile', true);
  } else {
    new LocalBackend(stack, { path: path.join(backend.directory, `${stackName}.tfstate`) });
  }
  return provider;
}

/** The provider for us-east-1 resources (CloudFront's web ACL): the stack's own, or a new aliased one. */
export function usEast1Provider(stack: TerraformStack, stackName: string, config: EnvironmentConfig, provider: AwsProvider): AwsProvider {
  if (config.region === US_EAST_1) return provider;
  return new AwsProvider(stack, 'aws-us-east-1', { alias: US_EAST_1, region: US_EAST_1, defaultTags: defaultTags(stackName, config) });
}
