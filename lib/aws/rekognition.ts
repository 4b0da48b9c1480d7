import 'server-only';
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { env } from '../env';
import { mapUnavailable, SDK_TIMEOUTS, sdkClientConfig } from './client-config';

/** Labelling one image takes longer than a table read; still bounded, so a stuck labeller cannot hang a request. */
const LABEL_REQUEST_TIMEOUT_MS = 6000;

let client: RekognitionClient | undefined;

/** The shared Rekognition client: AWS in the cloud, the local labeller in local mode. */
export function rekognition(): RekognitionClient {
  client ??= mapUnavailable(
    new RekognitionClient({
      ...sdkClientConfig(env().AWS_ENDPOINT_URL_REKOGNITION),
      requestHandler: { ...SDK_TIMEOUTS, requestTimeout: LABEL_REQUEST_TIMEOUT_MS },
    }),
    'Rekognition',
  );
  return client;
}
