import 'server-only';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { env } from '../env';
import { mapUnavailable, sdkClientConfig } from './client-config';

let client: SESv2Client | undefined;

/** The shared SES v2 client; locally it talks to the mail catcher (aws-ses-v2-local, scripts/emulators/mail-server.ts). */
export function ses(): SESv2Client {
  client ??= mapUnavailable(new SESv2Client(sdkClientConfig(env().AWS_ENDPOINT_URL_SESV2)), 'email');
  return client;
}
