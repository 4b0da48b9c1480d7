/** The local Rekognition-compatible labeller, spoken to with the real Rekognition client. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DetectLabelsCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { DeleteObjectsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { emulatorClientConfig, requiredEnv } from './client';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');
const bucket = requiredEnv('TEST_BUCKET');
const endpoint = requiredEnv('TEST_REKOGNITION_ENDPOINT');
const s3 = new S3Client({ ...emulatorClientConfig(requiredEnv('TEST_S3_ENDPOINT')), forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
const rekognition = new RekognitionClient({ ...emulatorClientConfig(endpoint), maxAttempts: 1 });
const prefix = `labeller-test/${randomUUID()}/`;

async function put(name: string, body: Uint8Array): Promise<string> {
  const key = `${prefix}${name}`;
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  return key;
}

function detect(key: string) {
  return rekognition.send(new DetectLabelsCommand({ Image: { S3Object: { Bucket: bucket, Name: key } }, MaxLabels: 10, MinConfidence: 70 }));
}

async function rejection(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  assert.fail('expected the labeller to refuse');
}

describe('local labeller (DetectLabels)', () => {
  before(async () => {
    for (const name of ['dog.jpg', 'cat.jpg', 'cow.png', 'horse.webp']) await put(name, readFileSync(path.join(FIXTURES, name)));
  });
  after(async () => {
    await s3.send(new DeleteObjectsCommand({
      Bucket: bucket,
      Delete: { Objects: ['dog.jpg', 'cat.jpg', 'cow.png', 'horse.webp', 'garbage.jpg', 'truncated.jpg'].map((name) => ({ Key: `${prefix}${name}` })) },
    }));
    s3.destroy();
    rekognition.destroy();
  });

  for (const [file, top, parents] of [
    ['dog.jpg', 'Dog', ['Animal', 'Mammal', 'Pet']],
    ['cat.jpg', 'Cat', ['Animal', 'Mammal', 'Pet']],
    ['cow.png', 'Cow', ['Animal', 'Mammal']],
  ] as const) {
    it(`labels ${file} "${top}" first, with Rekognition's response shape`, async () => {
      const started = Date.now();
      const result = await detect(`${prefix}${file}`);
      const elapsed = Date.now() - started;
      console.log(`labelled ${file} in ${elapsed} ms: ${result.Labels?.map((l) => `${l.Name} ${l.Confidence?.toFixed(1)}`).join(', ')}`);
      const [first] = result.Labels ?? [];
      assert.equal(first?.Name, top);
      assert.ok((first?.Confidence ?? 0) >= 70 && (first?.Confidence ?? 0) <= 100);
      assert.ok((first?.Instances?.length ?? 0) >= 1, 'an object label has instances with boxes');
      const box = first?.Instances?.[0]?.BoundingBox;
      for (const value of [box?.Left, box?.Top, box?.Width, box?.Height]) assert.ok(value !== undefined && value >= 0 && value <= 1);
      assert.deepEqual(first?.Parents?.map((parent) => parent.Name).filter((name) => (parents as readonly string[]).includes(name ?? '')), [...parents]);
      for (const parent of parents) assert.ok(result.Labels?.some((label) => label.Name === parent), `${parent} is a label too`);
      assert.ok((result.Labels?.length ?? 0) <= 10);
      assert.ok(result.Labels?.every((label) => (label.Confidence ?? 0) >= 70));
      assert.equal(typeof result.LabelModelVersion, 'string');
      assert.ok(elapsed < 5000, `labelling took ${elapsed} ms`);
    });
  }

  it('honours MaxLabels and MinConfidence', async () => {
    const one = await rekognition.send(new DetectLabelsCommand({ Image: { S3Object: { Bucket: bucket, Name: `${prefix}dog.jpg` } }, MaxLabels: 1 }));
    assert.deepEqual(one.Labels?.map((label) => label.Name), ['Dog']);
    const none = await rekognition.send(new DetectLabelsCommand({ Image: { S3Object: { Bucket: bucket, Name: `${prefix}dog.jpg` } }, MinConfidence: 100 }));
    assert.deepEqual(none.Labels, []);
  });

  it('answers InvalidImageFormatException for garbage bytes, a truncated JPEG and WebP, and keeps serving', async () => {
    const garbage = await put('garbage.jpg', Buffer.from('this is not an image, just text pretending'));
    const truncated = await put('truncated.jpg', readFileSync(path.join(FIXTURES, 'dog.jpg')).subarray(0, 200));
    for (const key of [garbage, truncated, `${prefix}horse.webp`]) {
      const error = await rejection(detect(key));
      assert.equal(error.name, 'InvalidImageFormatException', `${key}: ${error.name} ${error.message}`);
      assert.equal(error.$metadata?.httpStatusCode, 400);
    }
    assert.equal((await detect(`${prefix}dog.jpg`)).Labels?.[0]?.Name, 'Dog', 'still serving after bad input');
  });

  it('answers InvalidS3ObjectException for a missing object or bucket, and InvalidParameterException for no image', async () => {
    assert.equal((await rejection(detect(`${prefix}missing.jpg`))).name, 'InvalidS3ObjectException');
    const noBucket = rekognition.send(new DetectLabelsCommand({ Image: { S3Object: { Bucket: 'no-such-bucket', Name: 'x.jpg' } } }));
    assert.equal((await rejection(noBucket)).name, 'InvalidS3ObjectException');
    assert.equal((await rejection(rekognition.send(new DetectLabelsCommand({ Image: {} })))).name, 'InvalidParameterException');
  });

  it('answers ImageTooLargeException for inline bytes above 5 MB', async () => {
    const error = await rejection(rekognition.send(new DetectLabelsCommand({ Image: { Bytes: new Uint8Array(5 * 1024 * 1024 + 1) } })));
    assert.equal(error.name, 'ImageTooLargeException');
  });

  it('speaks JSON 1.1 and refuses unknown operations and malformed bodies without crashing', async () => {
    const call = (target: string, body: string) =>
      fetch(endpoint, { method: 'POST', headers: { 'X-Amz-Target': target, 'Content-Type': 'application/x-amz-json-1.1' }, body });
    const unknown = await call('RekognitionService.DetectFaces', '{}');
    assert.equal(unknown.status, 400);
    assert.equal(((await unknown.json()) as { __type: string }).__type, 'UnknownOperationException');
    const malformed = await call('RekognitionService.DetectLabels', '{"Image":');
    assert.equal(malformed.status, 400);
    assert.equal(((await malformed.json()) as { __type: string }).__type, 'SerializationException');
    const wrongTypes = await call('RekognitionService.DetectLabels', '{"Image":{"S3Object":{"Bucket":1}},"MaxLabels":"ten"}');
    assert.equal(wrongTypes.status, 400);
    assert.equal(wrongTypes.headers.get('content-type'), 'application/x-amz-json-1.1');
  });
});
