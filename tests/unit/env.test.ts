import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EnvError, parseEnv } from '../../lib/env';

const localIds = { COGNITO_USER_POOL_ID: 'local_abc123', COGNITO_CLIENT_ID: 'client' };

describe('parseEnv', () => {
  it('names every missing variable at once in cloud mode', () => {
    assert.throws(
      () => parseEnv({ APP_MODE: 'cloud' }),
      (error: unknown) => {
        assert.ok(error instanceof EnvError);
        for (const name of ['AWS_REGION', 'APP_ORIGIN', 'COGNITO_USER_POOL_ID', 'COGNITO_CLIENT_ID', 'ATTACHMENTS_BUCKET', 'CURSOR_SECRET', 'EVENTS_TOPIC_ARN']) {
          assert.match(error.message, new RegExp(`${name} is missing`));
        }
        return true;
      },
    );
  });

  it('treats an unset APP_MODE as cloud', () => {
    assert.throws(() => parseEnv({}), /cloud mode/);
  });

  it('rejects an unknown mode', () => {
    assert.throws(() => parseEnv({ APP_MODE: 'staging' }), /APP_MODE/);
  });

  it('fills local defaults and derives the cognito-local issuer from the endpoint', () => {
    const env = parseEnv({ APP_MODE: 'local', ...localIds, PORT: '4000' });
    assert.equal(env.APP_ORIGIN, 'http://localhost:4000');
    assert.equal(env.AWS_ENDPOINT_URL_DYNAMODB, 'http://127.0.0.1:8000');
    assert.equal(env.cognitoIssuer, 'http://127.0.0.1:9229/local_abc123');
    assert.equal(env.secureCookies, false);
    assert.deepEqual(env.allowedOrigins, ['http://localhost:4000', 'http://127.0.0.1:4000', 'http://[::1]:4000']);
  });

  it('uses the regional Cognito issuer and secure cookies in the cloud', () => {
    const env = parseEnv({
      APP_MODE: 'cloud',
      AWS_REGION: 'eu-west-1',
      APP_ORIGIN: 'https://todo.example.com',
      COGNITO_USER_POOL_ID: 'eu-west-1_AbC123',
      COGNITO_CLIENT_ID: 'abc',
      ATTACHMENTS_BUCKET: 'bucket-name',
      CURSOR_SECRET: 'x'.repeat(32),
      EVENTS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:todoer-prod-task-events',
    });
    assert.equal(env.cognitoIssuer, 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123');
    assert.deepEqual([env.ACTIVITY_TABLE, env.OUTBOX_TABLE], ['activity', 'outbox']);
    assert.equal(env.secureCookies, true);
    assert.deepEqual(env.allowedOrigins, ['https://todo.example.com']);
    assert.equal(env.AWS_ENDPOINT_URL_S3, undefined);
  });

  it('honours AWS_ENDPOINT_URL_* overrides', () => {
    const env = parseEnv({ APP_MODE: 'local', ...localIds, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: 'http://127.0.0.1:7777' });
    assert.equal(env.cognitoEndpoint, 'http://127.0.0.1:7777');
    assert.equal(env.cognitoIssuer, 'http://127.0.0.1:7777/local_abc123');
  });

  it('reports invalid values with the variable name', () => {
    assert.throws(() => parseEnv({ APP_MODE: 'local', ...localIds, AWS_ENDPOINT_URL_S3: 'not a url' }), /AWS_ENDPOINT_URL_S3/);
    assert.throws(() => parseEnv({ APP_MODE: 'local', ...localIds, SIGN_IN_MAX_FAILURES_PER_EMAIL: '-1' }), /SIGN_IN_MAX_FAILURES_PER_EMAIL/);
  });
});
