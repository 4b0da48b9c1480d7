import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool';
import { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client';
import { Construct } from 'constructs';

export type AuthProps = {
  readonly prefix: string;
  /** Turns on the pool's deletion protection. */
  readonly protectData: boolean;
};

/** Cognito user pool + web app client, as SPEC §1/§2 and scripts/provision.ts (the local twin) set them. */
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
      emailConfiguration: { emailSendingAccount: 'COGNITO_DEFAULT' },
      mfaConfiguration: 'OFF',
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
