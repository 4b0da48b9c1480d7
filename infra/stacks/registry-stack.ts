import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { imagePlatform, imageTagOf, type EnvironmentConfig } from '../config';
import { RegistryConstruct } from '../constructs/registry';
import { configureStack } from './common';

/** The image registry, deployed first so deploy.sh can push the image the app stack runs. */
export class RegistryStack extends TerraformStack {
  readonly registry: RegistryConstruct;

  constructor(scope: Construct, id: string, config: EnvironmentConfig) {
    super(scope, id);
    configureStack(this, id, config);
    this.registry = new RegistryConstruct(this, 'registry', {
      repositoryName: config.prefix,
      imagesToKeep: config.imagesToKeep,
      // Images are rebuilt from git at will; they never block a teardown.
      forceDelete: true,
    });
    new TerraformOutput(this, 'repository_url', { value: this.registry.repositoryUrl });
    new TerraformOutput(this, 'repository_name', { value: this.registry.repositoryName });
    // What deploy.sh builds and pushes before the app stack runs it: the platform and the tag.
    new TerraformOutput(this, 'image_platform', { value: imagePlatform(config.cpuArchitecture).platform });
    new TerraformOutput(this, 'image_tag', { value: imageTagOf(config) });
  }
}
