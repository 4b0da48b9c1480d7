import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { vapidKeysOfPrivatePem } from '../lib/reminders/vapid-keys';
import type { VapidKeys } from '../lib/reminders/web-push-sender';
import type { ReminderEnv } from './config';
import { log } from './log';

/** The reminder consumer's VAPID keys for one run; null: no Web Push in this run. */
export type VapidKeysSource = () => Promise<VapidKeys | null>;

/**
 * In the cloud, the private key PEM in Secrets Manager (VAPID_PRIVATE_KEY_SECRET_ARN), read on the first
 * run of each cold start and kept. A failed read is logged and that run sends no push (in-app and email
 * still go); the next run reads again. Unset, the raw keys of the environment, as locally.
 */
export function vapidKeysSource(config: ReminderEnv, client?: SecretsManagerClient): VapidKeysSource {
  if (config.VAPID_PRIVATE_KEY_SECRET_ARN) {
    const secrets = client ?? new SecretsManagerClient({ region: config.AWS_REGION, endpoint: config.AWS_ENDPOINT_URL_SECRETS_MANAGER });
    return secretVapidKeys(secrets, config.VAPID_PRIVATE_KEY_SECRET_ARN, config.VAPID_SUBJECT);
  }
  const keys =
    config.VAPID_PUBLIC_KEY && config.VAPID_PRIVATE_KEY ? { publicKey: config.VAPID_PUBLIC_KEY, privateKey: config.VAPID_PRIVATE_KEY, subject: config.VAPID_SUBJECT } : null;
  return () => Promise.resolve(keys);
}

function secretVapidKeys(client: SecretsManagerClient, secretArn: string, subject: string): VapidKeysSource {
  let keys: VapidKeys | undefined;
  return async () => {
    if (keys) return keys;
    try {
      const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
      if (!SecretString) throw new Error('the secret has no string value');
      keys = { ...vapidKeysOfPrivatePem(SecretString), subject };
      return keys;
    } catch (error) {
      log('error', 'web-push-key-unreadable', { secret: secretArn, error: error instanceof Error ? error.message : String(error) });
      return null;
    }
  };
}
