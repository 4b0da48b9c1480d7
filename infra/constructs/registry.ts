import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { Construct } from 'constructs';

export type RegistryProps = {
  readonly repositoryName: string;
  /** How many tagged images to keep; older ones expire. */
  readonly imagesToKeep: number;
  /** Lets `terraform destroy` remove a repository that still holds images. */
  readonly forceDelete: boolean;
};

/** The ECR repository of the app image: immutable git-SHA tags, scanned on push, old images expire. */
export class RegistryConstruct extends Construct {
  readonly repositoryName: string;
  readonly repositoryUrl: string;
  readonly repositoryArn: string;

  constructor(scope: Construct, id: string, props: RegistryProps) {
    super(scope, id);
    const repository = new EcrRepository(this, 'repository', {
      name: props.repositoryName,
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: 'AES256' }],
      forceDelete: props.forceDelete,
    });
    new EcrLifecyclePolicy(this, 'lifecycle', {
      repository: repository.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: 'Remove untagged layers left by rebuilds after a day',
            selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 },
            action: { type: 'expire' },
          },
          {
            rulePriority: 2,
            description: `Keep the ${props.imagesToKeep} most recent images`,
            selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: props.imagesToKeep },
            action: { type: 'expire' },
          },
        ],
      }),
    });
    this.repositoryName = repository.name;
    this.repositoryUrl = repository.repositoryUrl;
    this.repositoryArn = repository.arn;
  }
}
