import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, stackNames } from '../../infra/config';

const load = (env: Record<string, string>, context: Record<string, unknown> = {}) =>
  loadConfig({ env, context: (key) => context[key], localStateDirectory: '/state' });

describe('infra config', () => {
  it('defaults to dev with a local state and cheap sizing', () => {
    const config = load({});
    assert.equal(config.environment, 'dev');
    assert.equal(config.prefix, 'todoer-dev');
    assert.equal(config.region, 'us-east-1');
    assert.equal(config.natGateways, 1);
    assert.equal(config.protectData, false);
    assert.deepEqual(config.stateBackend, { kind: 'local', directory: '/state' });
    assert.deepEqual(stackNames(config), { registry: 'todoer-dev-registry', app: 'todoer-dev-app' });
  });

  it('sizes prod for availability and protects its data', () => {
    const config = load({ TODOER_ENV: 'prod' });
    assert.equal(config.tableName, 'todos');
    assert.equal(config.natGateways, 2);
    assert.ok(config.minTasks >= 2);
    assert.equal(config.protectData, true);
    assert.ok(config.logRetentionDays > load({}).logRetentionDays);
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
      () => load({ AWS_REGION: 'mars', TODOER_IMAGE_TAG: 'bad tag', TODOER_PROTECT_DATA: 'maybe', TODOER_ALARM_EMAIL: 'nope' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        for (const name of ['AWS_REGION', 'TODOER_IMAGE_TAG', 'TODOER_PROTECT_DATA', 'TODOER_ALARM_EMAIL']) assert.match(error.message, new RegExp(name));
        return true;
      },
    );
  });
});
