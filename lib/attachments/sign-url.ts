import 'server-only';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl as signCloudFrontUrl } from '@aws-sdk/cloudfront-signer';
import { getSignedUrl as presignS3Url } from '@aws-sdk/s3-request-presigner';
import { s3 } from '../aws/s3';
import { env } from '../env';

/** How long a link to view an image works. */
export const VIEW_URL_EXPIRES_SECONDS = 300;

/**
 * A short-lived URL to view one stored image: CloudFront signed URL when a distribution and key pair
 * are configured (the bucket stays private behind Origin Access Control), else an S3 presigned GET.
 */
export async function signedViewUrl(key: string, contentType: string, fileName: string): Promise<string> {
  const { CLOUDFRONT_URL, CLOUDFRONT_KEY_PAIR_ID, CLOUDFRONT_PRIVATE_KEY } = env();
  if (CLOUDFRONT_URL && CLOUDFRONT_KEY_PAIR_ID && CLOUDFRONT_PRIVATE_KEY) {
    return signCloudFrontUrl({
      url: `${CLOUDFRONT_URL.replace(/\/$/, '')}/${key}`,
      keyPairId: CLOUDFRONT_KEY_PAIR_ID,
      privateKey: CLOUDFRONT_PRIVATE_KEY,
      // Whole seconds: the policy's epoch-second expiry must not round past the five-minute limit.
      dateLessThan: new Date((Math.floor(Date.now() / 1000) + VIEW_URL_EXPIRES_SECONDS) * 1000).toISOString(),
    });
  }
  return presignS3Url(
    s3(),
    new GetObjectCommand({
      Bucket: env().ATTACHMENTS_BUCKET,
      Key: key,
      ResponseContentType: contentType,
      ResponseContentDisposition: `inline; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    }),
    { expiresIn: VIEW_URL_EXPIRES_SECONDS },
  );
}
