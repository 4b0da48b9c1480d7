import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Password } from '@cdktf/provider-random/lib/password';
import { PrivateKey } from '@cdktf/provider-tls/lib/private-key';
import { Construct } from 'constructs';

export type SecretsProps = {
  readonly prefix: string;
};

/**
 * Secrets the app needs, generated once by Terraform and kept as SecureString parameters; ECS hands
 * them to the container as environment variables. They live in the state too: keep the state private.
 */
export class SecretsConstruct extends Construct {
  /** Signs list cursors (CURSOR_SECRET). */
  readonly cursorSecretArn: string;
  /** Private key that signs CloudFront URLs for images (CLOUDFRONT_PRIVATE_KEY). */
  readonly signingKeyArn: string;
  /** Its public half, registered with CloudFront. */
  readonly signingPublicKeyPem: string;

  constructor(scope: Construct, id: string, props: SecretsProps) {
    super(scope, id);
    const cursorSecret = new Password(this, 'cursor-secret-value', { length: 64, special: false });
    const cursorParameter = new SsmParameter(this, 'cursor-secret', {
      name: `/${props.prefix}/cursor-secret`,
      type: 'SecureString',
      value: cursorSecret.result,
    });
    const signingKey = new PrivateKey(this, 'signing-key', { algorithm: 'RSA', rsaBits: 2048 });
    const signingParameter = new SsmParameter(this, 'signing-key-parameter', {
      name: `/${props.prefix}/cloudfront-private-key`,
      type: 'SecureString',
      value: signingKey.privateKeyPem,
    });
    this.cursorSecretArn = cursorParameter.arn;
    this.signingKeyArn = signingParameter.arn;
    this.signingPublicKeyPem = signingKey.publicKeyPem;
  }
}
