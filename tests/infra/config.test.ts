import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, imagePlatform, imageTagOf, loadConfig, senderDomain, signingKeyProblems, stackNames } from '../../infra/config';

const load = (env: Record<string, string>, context: Record<string, unknown> = {}) =>
  loadConfig({ env, context: (key) => context[key], localStateDirectory: '/state' });

describe('infra config', () => {
  it('defaults to dev with a local state and the personal size', () => {
    const config = load({});
    assert.equal(config.environment, 'dev');
    assert.equal(config.size, 'personal');
    assert.equal(config.prefix, 'todoer-dev');
    assert.equal(config.region, 'us-east-1');
    assert.equal(config.protectData, false);
    assert.equal(config.threatProtection, 'AUDIT');
    assert.deepEqual(config.stateBackend, { kind: 'local', directory: '/state' });
    assert.deepEqual(stackNames(config), { registry: 'todoer-dev-registry', app: 'todoer-dev-app' });
  });

  it('sizes prod for availability (ha) and protects its data', () => {
    const config = load({ TODOER_ENV: 'prod' });
    assert.equal(config.size, 'ha');
    assert.equal(config.tableName, 'todos');
    assert.equal(config.natGateways, 2);
    assert.ok(config.minTasks >= 2 && config.maxTasks > config.minTasks);
    assert.equal(config.activityConsumer.reservedConcurrency, 5, 'ha sets capacity aside for the consumer');
    assert.deepEqual([config.spot, config.waf, config.containerInsights], [false, true, true]);
    assert.equal(config.protectData, true);
    assert.equal(config.threatProtection, 'ENFORCED');
    assert.ok(config.logRetentionDays > load({}).logRetentionDays);
  });

  it('makes personal one small Graviton task, no NAT, Spot, no WAF; the consumer on Lambda reserves nothing', () => {
    const config = load({});
    assert.equal(config.natGateways, 0);
    assert.equal(config.cpuArchitecture, 'ARM64');
    assert.deepEqual([config.minTasks, config.maxTasks], [1, 1]);
    assert.equal(config.activityConsumer.reservedConcurrency, undefined);
    assert.deepEqual([config.spot, config.waf, config.containerInsights], [true, false, false]);
    // Fargate's smallest CPU; the memory was sized when the worker shared the task (see infra/README.md).
    assert.deepEqual([config.taskCpu, config.taskMemory], [256, 1024]);
  });

  it('keeps the old dev sizing as standard: one NAT, WAF, on demand', () => {
    const config = load({ TODOER_SIZE: 'standard' });
    assert.deepEqual([config.environment, config.natGateways, config.spot, config.waf], ['dev', 1, false, true]);
    assert.equal(config.activityConsumer.reservedConcurrency, undefined);
    assert.equal(load({ TODOER_ENV: 'prod', TODOER_SIZE: 'personal' }).natGateways, 0, 'the size decides, whatever the environment');
    assert.equal(load({}, { size: 'ha' }).natGateways, 2, 'or the CDKTF context');
  });

  it('toggles WAF, Spot, the CPU architecture and threat protection on their own', () => {
    assert.equal(load({ TODOER_WAF: 'true' }).waf, true);
    assert.equal(load({ TODOER_ENV: 'prod', TODOER_WAF: 'false' }).waf, false);
    assert.equal(load({ TODOER_SPOT: 'no' }).spot, false);
    assert.equal(load({ TODOER_CPU_ARCHITECTURE: 'x86_64' }).cpuArchitecture, 'X86_64');
    assert.equal(load({ TODOER_THREAT_PROTECTION: 'enforced' }).threatProtection, 'ENFORCED');
    assert.equal(load({ TODOER_ENV: 'prod', TODOER_THREAT_PROTECTION: 'OFF' }).threatProtection, 'OFF');
  });

  it('tags the image with the revision and the architecture, so each architecture has its own tag', () => {
    assert.equal(imageTagOf(load({ TODOER_IMAGE_TAG: 'abc123' })), 'abc123-arm64');
    assert.equal(imageTagOf(load({ TODOER_IMAGE_TAG: 'abc123', TODOER_CPU_ARCHITECTURE: 'X86_64' })), 'abc123-amd64');
    assert.deepEqual(imagePlatform('ARM64'), { platform: 'linux/arm64', tagSuffix: 'arm64' });
    assert.deepEqual(imagePlatform('X86_64'), { platform: 'linux/amd64', tagSuffix: 'amd64' });
    assert.throws(() => load({ TODOER_IMAGE_TAG: 'a'.repeat(122) }), /TODOER_IMAGE_TAG/);
  });

  it('sends Cognito email through SES when a sender is configured, else not at all', () => {
    assert.equal(load({}).email, undefined);
    assert.deepEqual(load({ TODOER_EMAIL_FROM: 'noreply@example.com' }).email, { from: 'noreply@example.com', sesIdentityArn: undefined });
    const arn = 'arn:aws:ses:us-east-1:123456789012:identity/noreply@example.com';
    assert.deepEqual(load({ TODOER_EMAIL_FROM: 'Todoer <noreply@example.com>', TODOER_SES_IDENTITY_ARN: arn }).email, { from: 'Todoer <noreply@example.com>', sesIdentityArn: arn });
    assert.equal(senderDomain('Todoer <noreply@mail.example.com>'), 'mail.example.com');
    assert.equal(senderDomain('noreply@example.com'), 'example.com');
    assert.throws(() => load({ TODOER_EMAIL_FROM: 'not an address' }), /TODOER_EMAIL_FROM/);
    assert.throws(() => load({ TODOER_SES_IDENTITY_ARN: arn }), /needs TODOER_EMAIL_FROM/);
    assert.throws(() => load({ TODOER_EMAIL_FROM: 'a@example.com', TODOER_SES_IDENTITY_ARN: 'arn:aws:s3:::bucket' }), /not an SES identity ARN/);
  });

  it('trusts one signing key per environment, and checks a rotation list', () => {
    assert.deepEqual(load({}).signingKeys, { trusted: ['1'], active: '1' });
    assert.deepEqual(signingKeyProblems({ trusted: ['1', '2'], active: '2' }), []);
    assert.match(signingKeyProblems({ trusted: ['1'], active: '2' }).join(), /not in signingKeys.trusted/);
    assert.match(signingKeyProblems({ trusted: ['1', '1'], active: '1' }).join(), /twice/);
    assert.match(signingKeyProblems({ trusted: ['Key_1'], active: 'Key_1' }).join(), /lowercase letters or digits/);
    assert.match(signingKeyProblems({ trusted: [], active: '1' }).join(), /1 to 5/);
  });

  it('takes settings from the environment first, then the CDKTF context', () => {
    const fromContext = load({}, { environment: 'prod', region: 'eu-west-1', imageTag: 'abc' });
    assert.deepEqual([fromContext.environment, fromContext.region, fromContext.imageTag], ['prod', 'eu-west-1', 'abc']);
    const fromEnv = load({ TODOER_ENV: 'dev', AWS_REGION: 'eu-central-1' }, { environment: 'prod' });
    assert.deepEqual([fromEnv.environment, fromEnv.region], ['dev', 'eu-central-1']);
    assert.equal(load({ TODOER_ENV: 'prod', TODOER_PROTECT_DATA: 'false' }).protectData, false);
  });

  it('uses an S3 state backend when a bucket is configured', () => {
    assert.deepEqual(load({ TODOER_STATE_BUCKET: 'my-state', AWS_REGION: 'eu-west-1' }).stateBackend, {
      kind: 's3',
      bucket: 'my-state',
      region: 'eu-west-1',
      keyPrefix: 'todoer',
      lockTable: undefined,
    });
    const locked = load({ TODOER_STATE_BUCKET: 'b', TODOER_STATE_REGION: 'us-west-2', TODOER_STATE_KEY_PREFIX: 'x', TODOER_STATE_LOCK_TABLE: 'locks' });
    assert.deepEqual(locked.stateBackend, { kind: 's3', bucket: 'b', region: 'us-west-2', keyPrefix: 'x', lockTable: 'locks' });
  });

  it('accepts a custom domain only with a us-east-1 certificate', () => {
    const arn = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';
    assert.deepEqual(load({ TODOER_DOMAIN_NAME: 'todo.example.com', TODOER_CERTIFICATE_ARN: arn }).domain, { name: 'todo.example.com', certificateArn: arn });
    assert.throws(() => load({ TODOER_DOMAIN_NAME: 'todo.example.com' }), /go together/);
    assert.throws(() => load({ TODOER_DOMAIN_NAME: 'a.b', TODOER_CERTIFICATE_ARN: arn.replace('us-east-1', 'eu-west-1') }), /us-east-1/);
  });

  it('names every invalid setting at once', () => {
    assert.throws(() => load({ TODOER_ENV: 'staging' }), (error: unknown) => error instanceof ConfigError && /dev, prod/.test(error.message));
    assert.throws(
      () =>
        load({
          AWS_REGION: 'mars',
          TODOER_IMAGE_TAG: 'bad tag',
          TODOER_PROTECT_DATA: 'maybe',
          TODOER_ALARM_EMAIL: 'nope',
          TODOER_SIZE: 'huge',
          TODOER_WAF: 'sometimes',
          TODOER_CPU_ARCHITECTURE: 'riscv',
          TODOER_THREAT_PROTECTION: 'loud',
        }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        for (const name of ['AWS_REGION', 'TODOER_IMAGE_TAG', 'TODOER_PROTECT_DATA', 'TODOER_ALARM_EMAIL', 'TODOER_SIZE', 'TODOER_WAF', 'TODOER_CPU_ARCHITECTURE', 'TODOER_THREAT_PROTECTION']) {
          assert.match(error.message, new RegExp(name));
        }
        assert.match(error.message, /TODOER_SIZE must be one of personal, standard, ha/);
        return true;
      },
    );
  });
});
