import 'server-only';
import { DetectLabelsCommand } from '@aws-sdk/client-rekognition';
import { rekognition } from '../aws/rekognition';
import { env } from '../env';
import type { Label } from '../tasks/schema';
import type { ImageType } from './schema';

export const MAX_LABELS = 10;
export const MIN_CONFIDENCE = 70;

/** Rekognition reads JPEG and PNG only; other images are kept without labels. */
export function isLabelable(contentType: string): boolean {
  return contentType === ('image/jpeg' satisfies ImageType) || contentType === ('image/png' satisfies ImageType);
}

/**
 * Labels a stored image with DetectLabels. Returns null when labelling failed (service down,
 * unreadable image): the caller keeps the image and can try again later.
 */
export async function labelStoredImage(key: string): Promise<Label[] | null> {
  try {
    const { Labels = [] } = await rekognition().send(
      new DetectLabelsCommand({
        Image: { S3Object: { Bucket: env().ATTACHMENTS_BUCKET, Name: key } },
        MaxLabels: MAX_LABELS,
        MinConfidence: MIN_CONFIDENCE,
      }),
    );
    return Labels.flatMap((label) =>
      label.Name && label.Confidence !== undefined
        ? [{ name: label.Name, confidence: Math.round(label.Confidence * 10) / 10 }]
        : [],
    );
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    console.warn(JSON.stringify({ level: 'warn', event: 'labelling-failed', key, error: name }));
    return null;
  }
}
