import 'server-only';
import { S3Client } from '@aws-sdk/client-s3';
import { env } from '../env';
import { mapUnavailable, sdkClientConfig } from './client-config';

let client: S3Client | undefined;

/** The shared S3 client. Path-style and on-demand checksums keep S3 emulators and presigned POSTs working. */
export function s3(): S3Client {
  const endpoint = env().AWS_ENDPOINT_URL_S3;
  client ??= mapUnavailable(
    new S3Client({
      ...sdkClientConfig(endpoint),
      forcePathStyle: endpoint !== undefined,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
    'S3',
  );
  return client;
}
