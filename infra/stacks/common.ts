import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { LocalBackend, S3Backend, type TerraformStack } from 'cdktf';
import path from 'node:path';
import type { EnvironmentConfig } from '../config';

/** The AWS provider (every resource tagged with its project and environment) and the state backend. */
export function configureStack(stack: TerraformStack, stackName: string, config: EnvironmentConfig): void {
  new AwsProvider(stack, 'aws', {
    region: config.region,
    defaultTags: [{ tags: { Project: 'todoer', Environment: config.environment, Stack: stackName, ManagedBy: 'cdktf' } }],
  });
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
}
