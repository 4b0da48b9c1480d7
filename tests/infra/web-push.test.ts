/**
 * Web Push in the cloud: the VAPID key pair made by the TLS provider, its private key PEM written
 * write-only into a secret only the reminder consumer's role may read, its public half given to the app.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Testing } from 'cdktf';
import { buildApp } from '../../infra/main';
import { parseReminderEnv } from '../../worker/config';
import { asList, containers, policyStatements, resources, rolePolicy, synthStack, testConfig, testLambdaBundles, type Block } from '../../infra/testing';

type Container = { environment: { name: string; value: string }[]; secrets: { name: string; valueFrom: string }[] };

/** `${<type>.<address>.<attribute>}` of the one resource of that type whose block passes `match`. */
function referenceTo(blocks: Record<string, Block> | undefined, type: string, match: (block: Block) => boolean, attribute: string): string {
  const found = Object.entries(blocks ?? {}).filter(([, block]) => match(block));
  assert.equal(found.length, 1, `exactly one ${type}`);
  return `\${${type}.${found[0]![0]}.${attribute}}`;
}

describe('Web Push keys in the cloud', () => {
  // The sizes differ in what runs where, not in the keys: check the smallest and a production one with a sender.
  for (const env of [{ TODOER_ENV: 'dev' }, { TODOER_ENV: 'prod', TODOER_EMAIL_FROM: 'noreply@example.com' }] as Record<string, string>[]) {
    const config = testConfig(env);
    const app = synthStack(buildApp(Testing.app(), config, testLambdaBundles()).app);
    const reminderRole = `${config.prefix}-reminder-consumer`;
    const secretArn = referenceTo(app.resource.aws_secretsmanager_secret, 'aws_secretsmanager_secret', (block) => block.name === `${config.prefix}/web-push-private-key`, 'arn');
    const secretId = secretArn.replace(/\.arn\}$/, '.id}');
    const keyAddress = (attribute: string) =>
      referenceTo(app.resource.tls_private_key, 'tls_private_key', (block) => block.algorithm === 'ECDSA', attribute);

    it(`${env.TODOER_ENV}: makes a P-256 key with the TLS provider and keeps its private key PEM in a secret of its own`, () => {
      const ecdsa = resources(app, 'tls_private_key').filter((key) => key.algorithm === 'ECDSA');
      assert.deepEqual(ecdsa, [{ algorithm: 'ECDSA', ecdsa_curve: 'P256' }]);
      const secret = resources(app, 'aws_secretsmanager_secret').find((candidate) => candidate.name === `${config.prefix}/web-push-private-key`)!;
      assert.equal(secret.recovery_window_in_days, config.protectData ? 7 : 0);
      assert.match(String(secret.description), /VAPID/);
    });

    it(`${env.TODOER_ENV}: writes the PEM write-only, once: no secret_string in the state`, () => {
      const versions = resources(app, 'aws_secretsmanager_secret_version').filter((version) => version.secret_id === secretId);
      assert.equal(versions.length, 1);
      assert.deepEqual(versions[0], { secret_id: secretId, secret_string_wo: keyAddress('private_key_pem'), secret_string_wo_version: 1 });
    });

    it(`${env.TODOER_ENV}: lets only the reminder consumer's role read it, by its exact ARN, with GetSecretValue alone`, () => {
      const readers = resources(app, 'aws_iam_role_policy').filter((policy) => String(policy.policy).includes(secretArn));
      assert.deepEqual(readers.map((policy) => policy.name), [reminderRole]);
      const naming = rolePolicy(app, reminderRole).filter((statement) => asList(statement.Resource).includes(secretArn));
      assert.deepEqual(naming, [{ Sid: 'ReadWebPushKey', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secretArn }]);
      // No other statement anywhere reaches it through a pattern, and ECS does not hand it to the container.
      for (const { statement } of policyStatements(app)) {
        for (const resource of asList(statement.Resource)) if (resource.includes('secretsmanager') || resource.includes('aws_secretsmanager_secret')) assert.ok(!resource.includes('*'), resource);
      }
      const [container] = containers<Container>(app, `${config.prefix}-app`);
      assert.ok(container!.secrets.every(({ valueFrom }) => valueFrom !== secretArn));
    });

    it(`${env.TODOER_ENV}: gives the app the public half as plain configuration, and the consumer the secret's ARN`, () => {
      const [container] = containers<Container>(app, `${config.prefix}-app`);
      const environment = Object.fromEntries(container!.environment.map(({ name, value }) => [name, value]));
      assert.equal(environment.VAPID_PUBLIC_KEY, keyAddress('public_key_pem'));
      assert.ok(container!.secrets.every(({ name }) => !name.startsWith('VAPID')));
      const fn = resources(app, 'aws_lambda_function').find((candidate) => candidate.function_name === reminderRole)!;
      const variables = (fn.environment as { variables: Record<string, string> }).variables;
      assert.equal(variables.VAPID_PRIVATE_KEY_SECRET_ARN, secretArn);
      assert.equal(variables.VAPID_PRIVATE_KEY, undefined, 'the private key never enters the function configuration');
      assert.equal(variables.VAPID_PUBLIC_KEY, undefined, 'derived from the private key');
      const activity = resources(app, 'aws_lambda_function').find((candidate) => candidate.function_name === `${config.prefix}-activity-consumer`)!;
      assert.ok(!JSON.stringify(activity).includes('VAPID'));
    });
  }

  it("the consumer accepts the secret's ARN as Secrets Manager writes it (the app's PEM: tests/infra/app.test.ts)", () => {
    const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:todoer-prod/web-push-private-key-AbCdEf';
    const reminder = parseReminderEnv({ AWS_REGION: 'us-east-1', APP_URL: 'https://d1.cloudfront.net', VAPID_PRIVATE_KEY_SECRET_ARN: arn });
    assert.equal(reminder.VAPID_PRIVATE_KEY_SECRET_ARN, arn);
  });
});
