/** Least privilege: no identity policy grants "*" resources, except for actions AWS offers only that way. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Testing } from 'cdktf';
import type { PolicyStatement } from '../../infra/constructs/policy';
import { buildApp } from '../../infra/main';
import { asList, policyStatements, resources, synthStack, testConfig, type Synthesized } from '../../infra/testing';

/** Actions without resource-level permissions: AWS accepts only "Resource": "*" for them. */
const STAR_ONLY_ACTIONS = new Set(['ecr:GetAuthorizationToken', 'rekognition:DetectLabels']);

/** Policies attached to a resource rather than to a role: they name who they allow. */
const RESOURCE_POLICIES = new Set(['aws_s3_bucket_policy', 'aws_sqs_queue_policy', 'aws_sns_topic_policy']);

/** Every way a statement can be broader than named actions on named resources. */
function violations(statements: readonly { type: string; statement: PolicyStatement }[]): string[] {
  const found: string[] = [];
  for (const { type, statement } of statements) {
    const label = `${type} ${statement.Sid ?? JSON.stringify(statement.Action)}`;
    if ('NotAction' in statement || 'NotResource' in statement) found.push(`${label}: NotAction/NotResource`);
    if (statement.Effect !== 'Allow') continue;
    const actions = asList(statement.Action);
    for (const action of actions) if (action === '*' || action.endsWith(':*')) found.push(`${label}: wildcard action ${action}`);
    if (type === 'aws_iam_role') continue;
    if (RESOURCE_POLICIES.has(type) && statement.Principal === '*') found.push(`${label}: allows anyone`);
    const resourcesOfStatement = asList(statement.Resource);
    if (resourcesOfStatement.includes('*')) {
      const broad = actions.filter((action) => !STAR_ONLY_ACTIONS.has(action));
      if (broad.length > 0) found.push(`${label}: "Resource": "*" for ${broad.join(', ')}`);
    }
    for (const resource of resourcesOfStatement) {
      if (resource !== '*' && /^arn:aws:[^:]*:[^:]*:[^:]*:\*$/.test(resource)) found.push(`${label}: every resource of a service (${resource})`);
    }
  }
  return found;
}

function synthesizedStacks(env: Record<string, string>): Synthesized[] {
  const stacks = buildApp(Testing.app(), testConfig(env));
  return [synthStack(stacks.registry), synthStack(stacks.app)];
}

describe('IAM least privilege', () => {
  // Every size: personal (dev's default) merges the worker into the app's task role, the others keep it apart.
  const stacks = [
    ...synthesizedStacks({ TODOER_ENV: 'dev' }),
    ...synthesizedStacks({ TODOER_ENV: 'dev', TODOER_SIZE: 'standard' }),
    ...synthesizedStacks({ TODOER_ENV: 'prod', TODOER_EMAIL_FROM: 'noreply@example.com' }),
  ];

  it('the check itself catches what it must', () => {
    const bad = violations([
      { type: 'aws_iam_role_policy', statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' } },
      { type: 'aws_iam_role_policy', statement: { Effect: 'Allow', Action: 'dynamodb:*', Resource: 'arn:aws:dynamodb:us-east-1:1:table/t' } },
      { type: 'aws_iam_role_policy', statement: { Effect: 'Allow', Action: ['rekognition:DetectLabels', 's3:PutObject'], Resource: '*' } },
      { type: 'aws_iam_role_policy', statement: { Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: 'arn:aws:logs:us-east-1:1:*' } },
      { type: 'aws_sqs_queue_policy', statement: { Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:1:q' } },
    ]);
    assert.equal(bad.length, 5, bad.join('\n'));
    assert.deepEqual(violations([{ type: 'aws_iam_role_policy', statement: { Effect: 'Allow', Action: 'rekognition:DetectLabels', Resource: '*' } }]), []);
  });

  it('finds no "Resource": "*" except for actions AWS allows only that way, and no wildcard actions', () => {
    const statements = stacks.flatMap((stack) => policyStatements(stack));
    assert.ok(statements.length > 10);
    assert.deepEqual(violations(statements), []);
  });

  it('attaches no managed policies, whose contents this test could not see', () => {
    for (const stack of stacks) {
      assert.deepEqual(resources(stack, 'aws_iam_role_policy_attachment'), []);
      assert.ok(resources(stack, 'aws_iam_role').every((role) => role.managed_policy_arns === undefined));
    }
  });

  it('lets only ECS tasks assume the roles', () => {
    const trust = stacks.flatMap((stack) => policyStatements(stack)).filter(({ type }) => type === 'aws_iam_role');
    assert.ok(trust.length >= 2);
    for (const { statement } of trust) {
      assert.deepEqual(statement.Principal, { Service: 'ecs-tasks.amazonaws.com' });
      assert.equal(statement.Action, 'sts:AssumeRole');
    }
  });
});
