import 'server-only';
import { DetectLabelsCommand, type Image } from '@aws-sdk/client-rekognition';
import sharp from 'sharp';
import { rekognition } from '../aws/rekognition';
import { env } from '../env';
import type { Label } from '../tasks/schema';
import type { ImageType } from './schema';
import { readObject } from './storage';

export const MAX_LABELS = 10;
export const MIN_CONFIDENCE = 70;

/** What Rekognition reads from S3 itself; WebP and GIF are converted first. */
function readsDirectly(contentType: string): boolean {
  return contentType === ('image/jpeg' satisfies ImageType) || contentType === ('image/png' satisfies ImageType);
}

/** Rekognition's limit for inline image bytes. */
const MAX_INLINE_BYTES = 5 * 1024 * 1024;
/** Plenty for labels, and keeps the JPEG well under the inline limit. */
const MAX_EDGE = 2048;

/** A WebP, or a GIF's first frame, as a JPEG Rekognition can read (sent inline, not stored). */
async function asJpeg(key: string): Promise<Uint8Array> {
  const converted = await sharp(await readObject(key), { failOn: 'error', pages: 1 })
    .rotate()
    .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 88 })
    .toBuffer();
  if (converted.length > MAX_INLINE_BYTES) throw new Error('converted image too large');
  return converted;
}

/**
 * Labels a stored image with DetectLabels: JPEG and PNG straight from S3, WebP and GIF (first frame)
 * converted to JPEG first, in the cloud as locally. Returns null when labelling failed (service down,
 * unreadable image): the caller marks it so the person sees it, and completing again retries.
 */
export async function labelStoredImage(key: string, contentType: string): Promise<Label[] | null> {
  try {
    const image: Image = readsDirectly(contentType) ? { S3Object: { Bucket: env().ATTACHMENTS_BUCKET, Name: key } } : { Bytes: await asJpeg(key) };
    const { Labels = [] } = await rekognition().send(
      new DetectLabelsCommand({
        Image: image,
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
