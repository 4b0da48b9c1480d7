import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool';
import { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client';
import { Construct } from 'constructs';
import type { ThreatProtectionMode } from '../config';

/** Cognito's own sender: no setup, but AWS lets it send 50 emails a day per account. */
export const COGNITO_DEFAULT_EMAIL = { emailSendingAccount: 'COGNITO_DEFAULT' } as const;

export type AuthProps = {
  readonly prefix: string;
  /** Turns on the pool's deletion protection. */
  readonly protectData: boolean;
  /** The SES sender of verification and reset codes; unset, Cognito's default sender (50 a day). */
  readonly email?: { readonly from: string; readonly sesIdentityArn: string };
  /** Threat protection: AUDIT reports risky sign-ins, ENFORCED acts on them; both need the Plus tier. */
  readonly threatProtection: ThreatProtectionMode;
};

/**
 * Cognito user pool + web app client, as SPEC §1/§2 and scripts/provision.ts (the local twin) set them, with
 * optional TOTP MFA (each user may add an authenticator app), threat protection, and email through SES.
 */
export class AuthConstruct extends Construct {
  readonly userPoolId: string;
  readonly userPoolArn: string;
  readonly clientId: string;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    const pool = new CognitoUserPool(this, 'pool', {
      name: props.prefix,
      usernameAttributes: ['email'],
      autoVerifiedAttributes: ['email'],
      usernameConfiguration: { caseSensitive: false },
      passwordPolicy: {
        minimumLength: 8,
        requireUppercase: true,
        requireLowercase: true,
        requireNumbers: true,
        requireSymbols: false,
        temporaryPasswordValidityDays: 7,
      },
      accountRecoverySetting: { recoveryMechanism: [{ name: 'verified_email', priority: 1 }] },
      verificationMessageTemplate: {
        defaultEmailOption: 'CONFIRM_WITH_CODE',
        emailSubject: 'Your Todoer code',
        emailMessage: 'Your Todoer verification code is {####}',
      },
      emailConfiguration: props.email
        ? { emailSendingAccount: 'DEVELOPER', fromEmailAddress: props.email.from, sourceArn: props.email.sesIdentityArn }
        : COGNITO_DEFAULT_EMAIL,
      mfaConfiguration: 'OPTIONAL',
      softwareTokenMfaConfiguration: { enabled: true },
      // Threat protection is a Plus-tier feature; without it the pool stays on Essentials.
      userPoolTier: props.threatProtection === 'OFF' ? 'ESSENTIALS' : 'PLUS',
      userPoolAddOns: { advancedSecurityMode: props.threatProtection },
      deletionProtection: props.protectData ? 'ACTIVE' : 'INACTIVE',
    });
    const client = new CognitoUserPoolClient(this, 'web-client', {
      name: `${props.prefix}-web`,
      userPoolId: pool.id,
      generateSecret: false,
      explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      preventUserExistenceErrors: 'ENABLED',
      enableTokenRevocation: true,
      accessTokenValidity: 60,
      idTokenValidity: 60,
      refreshTokenValidity: 30,
      tokenValidityUnits: [{ accessToken: 'minutes', idToken: 'minutes', refreshToken: 'days' }],
    });
    this.userPoolId = pool.id;
    this.userPoolArn = pool.arn;
    this.clientId = client.id;
  }
}
