import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool';
import { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client';
import { Testing } from 'cdktf';
import { AuthConstruct } from '../../infra/constructs/auth';
import { single, synthConstructs } from '../../infra/testing';

const base = { prefix: 'todoer-dev', protectData: false, threatProtection: 'AUDIT' } as const;
const SES_IDENTITY = 'arn:aws:ses:us-east-1:123456789012:identity/example.com';

describe('AuthConstruct', () => {
  const auth = synthConstructs((scope) => new AuthConstruct(scope, 'auth', base));
  const pool = single(auth, 'aws_cognito_user_pool');

  it('signs people in by email, verified by an emailed code', () => {
    assert.ok(
      Testing.toHaveResourceWithProperties(auth.json, CognitoUserPool.tfResourceType, {
        username_attributes: ['email'],
        auto_verified_attributes: ['email'],
        username_configuration: { case_sensitive: false },
        verification_message_template: { default_email_option: 'CONFIRM_WITH_CODE' },
        account_recovery_setting: { recovery_mechanism: [{ name: 'verified_email', priority: 1 }] },
      }),
    );
  });

  it('enforces the SPEC password policy: 8+ characters, upper, lower, digit, no symbol required', () => {
    assert.deepEqual(pool.password_policy, {
      minimum_length: 8,
      require_uppercase: true,
      require_lowercase: true,
      require_numbers: true,
      require_symbols: false,
      temporary_password_validity_days: 7,
    });
  });

  it('has a public web client with password + refresh auth, revocation and no user-existence leaks', () => {
    const client = single(auth, 'aws_cognito_user_pool_client');
    assert.equal(client.generate_secret, false);
    assert.deepEqual(client.explicit_auth_flows, ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    assert.equal(client.prevent_user_existence_errors, 'ENABLED');
    assert.equal(client.enable_token_revocation, true);
    assert.ok(
      Testing.toHaveResourceWithProperties(auth.json, CognitoUserPoolClient.tfResourceType, {
        access_token_validity: 60,
        id_token_validity: 60,
        refresh_token_validity: 30,
        token_validity_units: [{ access_token: 'minutes', id_token: 'minutes', refresh_token: 'days' }],
      }),
    );
  });

  it('protects the pool from deletion only where data is protected', () => {
    assert.equal(pool.deletion_protection, 'INACTIVE');
    const prod = synthConstructs((scope) => new AuthConstruct(scope, 'auth', { ...base, prefix: 'todoer-prod', protectData: true }));
    assert.equal(single(prod, 'aws_cognito_user_pool').deletion_protection, 'ACTIVE');
  });

  it("falls back to Cognito's own sender (50 emails a day) when no SES sender is configured", () => {
    assert.deepEqual(pool.email_configuration, { email_sending_account: 'COGNITO_DEFAULT' });
  });

  it('sends email through SES from the configured address and identity', () => {
    const withSes = synthConstructs(
      (scope) => new AuthConstruct(scope, 'auth', { ...base, email: { from: 'Todoer <noreply@example.com>', sesIdentityArn: SES_IDENTITY } }),
    );
    assert.deepEqual(single(withSes, 'aws_cognito_user_pool').email_configuration, {
      email_sending_account: 'DEVELOPER',
      from_email_address: 'Todoer <noreply@example.com>',
      source_arn: SES_IDENTITY,
    });
  });

  it('offers optional TOTP MFA (an authenticator app), no SMS', () => {
    assert.equal(pool.mfa_configuration, 'OPTIONAL');
    assert.deepEqual(pool.software_token_mfa_configuration, { enabled: true });
    assert.equal(pool.sms_configuration, undefined);
  });

  it('runs threat protection in the mode asked, on the Plus tier it needs; off, the pool stays on Essentials', () => {
    assert.deepEqual([pool.user_pool_tier, pool.user_pool_add_ons], ['PLUS', { advanced_security_mode: 'AUDIT' }]);
    const enforced = single(synthConstructs((scope) => new AuthConstruct(scope, 'auth', { ...base, threatProtection: 'ENFORCED' })), 'aws_cognito_user_pool');
    assert.deepEqual([enforced.user_pool_tier, enforced.user_pool_add_ons], ['PLUS', { advanced_security_mode: 'ENFORCED' }]);
    const off = single(synthConstructs((scope) => new AuthConstruct(scope, 'auth', { ...base, threatProtection: 'OFF' })), 'aws_cognito_user_pool');
    assert.deepEqual([off.user_pool_tier, off.user_pool_add_ons], ['ESSENTIALS', { advanced_security_mode: 'OFF' }]);
  });
});
