import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { Testing } from 'cdktf';
import { RegistryConstruct } from '../../infra/constructs/registry';
import { single, synthConstructs } from '../../infra/testing';

describe('RegistryConstruct', () => {
  const registry = synthConstructs((scope) => new RegistryConstruct(scope, 'registry', { repositoryName: 'todoer-dev', imagesToKeep: 10, forceDelete: true }));

  it('scans images on push and never lets a SHA tag move', () => {
    assert.ok(
      Testing.toHaveResourceWithProperties(registry.json, EcrRepository.tfResourceType, {
        name: 'todoer-dev',
        image_tag_mutability: 'IMMUTABLE',
        image_scanning_configuration: { scan_on_push: true },
      }),
    );
  });

  it('expires untagged layers and all but the newest images', () => {
    const policy = JSON.parse(String(single(registry, 'aws_ecr_lifecycle_policy').policy)) as {
      rules: { rulePriority: number; selection: { tagStatus: string; countType: string; countNumber: number } }[];
    };
    assert.deepEqual(
      policy.rules.map((rule) => [rule.rulePriority, rule.selection.tagStatus, rule.selection.countType, rule.selection.countNumber]),
      [
        [1, 'untagged', 'sinceImagePushed', 1],
        [2, 'any', 'imageCountMoreThan', 10],
      ],
    );
  });
});
