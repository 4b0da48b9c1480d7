/**
 * Child-process entry for a local, Rekognition-compatible DetectLabels endpoint (JSON 1.1 protocol).
 * It reads Image.S3Object from the local S3 emulator, decodes it with sharp and labels it with a real
 * object detector shipped inside an npm package: @vladmandic/human's CenterNet (COCO classes) on the
 * TensorFlow.js WebAssembly backend. The model loads from the package's models/ folder; nothing is
 * downloaded. Answers use Rekognition's shapes and error codes, so the app calls the real client.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import sharp from 'sharp';

const [port, host, s3Endpoint] = process.argv.slice(2);
if (!port || !host || !s3Endpoint) {
  console.error('usage: rekognition-server.ts <port> <host> <s3Endpoint>');
  process.exit(2);
}

/** Rekognition's own limits: S3 objects up to 15 MB, inline bytes up to 5 MB, JPEG and PNG only. */
const MAX_S3_OBJECT_BYTES = 15 * 1024 * 1024;
const MAX_INLINE_BYTES = 5 * 1024 * 1024;
const MAX_REQUEST_BYTES = 8 * 1024 * 1024;
/** CenterNet's input is square; letterboxing keeps the animal's proportions (a stretched dog reads as a horse). */
const MODEL_INPUT = 512;
const LABEL_MODEL_VERSION = 'local-centernet-coco-1.0';

const require = createRequire(import.meta.url);
// The package's "exports" map hides its WebAssembly build, so it is loaded by file path.
const humanRoot = path.resolve(path.dirname(require.resolve('@vladmandic/human')), '..');
const wasmDir = `${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`;

type Tensor = { dispose(): void };
type DetectedObject = { score: number; label: string; box: [number, number, number, number] };
type Human = {
  load(): Promise<void>;
  detect(input: Tensor): Promise<{ object: DetectedObject[]; error?: string | null }>;
  tf: { tensor4d(values: Int32Array, shape: [number, number, number, number], dtype: 'int32'): Tensor; getBackend(): string };
};
const { Human: HumanClass } = require(path.join(humanRoot, 'dist', 'human.node-wasm.js')) as {
  Human: new (config: object) => Human;
};

// Node's fetch has no file: scheme; the model loader fetches, so local files are answered here.
const networkFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if (!url.startsWith('file:')) return networkFetch(input, init);
  return new Response(await readFile(new URL(url)), { status: 200 });
};

const human = new HumanClass({
  backend: 'wasm',
  wasmPath: wasmDir,
  modelBasePath: `${pathToFileURL(path.join(humanRoot, 'models')).href}/`,
  debug: false,
  cacheSensitivity: 0,
  face: { enabled: false },
  body: { enabled: false },
  hand: { enabled: false },
  gesture: { enabled: false },
  segmentation: { enabled: false },
  filter: { enabled: false },
  object: { enabled: true, modelPath: 'centernet.json', minConfidence: 0.2, iouThreshold: 0.4, maxDetected: 20, skipFrames: 0, skipTime: 0 },
});

const s3 = new S3Client({
  region: 'us-east-1',
  endpoint: s3Endpoint,
  forcePathStyle: true,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});

class RekognitionError extends Error {
  constructor(readonly type: string, message: string, readonly status = 400) {
    super(message);
  }
}

/** Rekognition-style names for COCO classes whose plain title case reads oddly. */
const NAMES: Record<string, string> = {
  tv: 'TV',
  'sports ball': 'Ball',
  'hair drier': 'Hair Dryer',
  'dining table': 'Dining Table',
  'potted plant': 'Potted Plant',
  'wine glass': 'Wine Glass',
};

const ANIMAL = ['Animal'];
const MAMMAL = ['Animal', 'Mammal'];
const WILD_MAMMAL = ['Animal', 'Mammal', 'Wildlife'];
const VEHICLE = ['Transportation', 'Vehicle'];
const FOOD = ['Food'];
const FRUIT = ['Food', 'Fruit', 'Plant'];
const ELECTRONICS = ['Electronics'];
/** Parents as Rekognition reports them (a dog is also an Animal, a Mammal, a Pet); returned as labels too. */
const PARENTS: Record<string, readonly string[]> = {
  Dog: ['Animal', 'Canine', 'Mammal', 'Pet'],
  Cat: ['Animal', 'Mammal', 'Pet'],
  Horse: MAMMAL,
  Sheep: ['Animal', 'Livestock', 'Mammal'],
  Cow: ['Animal', 'Cattle', 'Livestock', 'Mammal'],
  Elephant: WILD_MAMMAL,
  Bear: WILD_MAMMAL,
  Zebra: WILD_MAMMAL,
  Giraffe: WILD_MAMMAL,
  Bird: ANIMAL,
  Car: VEHICLE,
  Bicycle: VEHICLE,
  Motorcycle: VEHICLE,
  Airplane: ['Aircraft', ...VEHICLE],
  Bus: VEHICLE,
  Train: VEHICLE,
  Truck: VEHICLE,
  Boat: ['Transportation', 'Watercraft'],
  Banana: FRUIT,
  Apple: FRUIT,
  Orange: ['Citrus Fruit', ...FRUIT],
  Broccoli: ['Food', 'Vegetable'],
  Carrot: ['Food', 'Vegetable'],
  Pizza: FOOD,
  Donut: FOOD,
  Cake: ['Dessert', ...FOOD],
  Sandwich: FOOD,
  'Hot Dog': FOOD,
  'Cell Phone': ['Electronics', 'Phone'],
  Laptop: ['Computer', ...ELECTRONICS],
  TV: ['Screen', ...ELECTRONICS],
  Keyboard: ELECTRONICS,
  Mouse: ELECTRONICS,
  Remote: ELECTRONICS,
  Couch: ['Furniture'],
  Chair: ['Furniture'],
  Bed: ['Furniture'],
  'Dining Table': ['Furniture', 'Table'],
};

function rekognitionName(cocoClass: string): string {
  return NAMES[cocoClass] ?? cocoClass.replace(/\b\w/g, (letter) => letter.toUpperCase());
}

/**
 * CenterNet scores sit lower than Rekognition's confidences: human's own threshold is 0.2 and a clear
 * photo scores 0.4–0.8. Scores from 0.2 to 0.6 map linearly onto 50–100 %, so "MinConfidence 70" keeps
 * what a person would call a sure detection and drops the guesses.
 */
function confidenceOf(score: number): number {
  const confidence = 50 + ((score - 0.2) / 0.4) * 50;
  return Math.round(Math.min(99.9, Math.max(0, confidence)) * 1000) / 1000;
}

type BoundingBox = { Width: number; Height: number; Left: number; Top: number };
type Label = {
  Name: string;
  Confidence: number;
  Instances: { BoundingBox: BoundingBox; Confidence: number }[];
  Parents: { Name: string }[];
  Aliases: never[];
  Categories: never[];
};

type Letterbox = { data: Buffer; width: number; height: number; left: number; top: number };

/** Decodes JPEG or PNG (the formats Rekognition accepts), applies EXIF rotation and letterboxes it. */
async function decode(bytes: Buffer): Promise<Letterbox> {
  let format: string | undefined;
  let width = 0;
  let height = 0;
  try {
    const oriented = await sharp(bytes, { failOn: 'error' }).rotate().toBuffer({ resolveWithObject: true });
    ({ format, width, height } = oriented.info);
    if (format !== 'jpeg' && format !== 'png') throw new RekognitionError('InvalidImageFormatException', 'Request has unsupported image format');
    const scale = Math.min(MODEL_INPUT / width, MODEL_INPUT / height);
    const fitted = { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
    const data = await sharp(oriented.data)
      .resize(fitted.width, fitted.height, { fit: 'fill' })
      .removeAlpha()
      .extend({
        left: Math.floor((MODEL_INPUT - fitted.width) / 2),
        right: Math.ceil((MODEL_INPUT - fitted.width) / 2),
        top: Math.floor((MODEL_INPUT - fitted.height) / 2),
        bottom: Math.ceil((MODEL_INPUT - fitted.height) / 2),
        background: { r: 0, g: 0, b: 0 },
      })
      .raw()
      .toBuffer();
    return { data, ...fitted, left: Math.floor((MODEL_INPUT - fitted.width) / 2), top: Math.floor((MODEL_INPUT - fitted.height) / 2) };
  } catch (error) {
    if (error instanceof RekognitionError) throw error;
    throw new RekognitionError('InvalidImageFormatException', 'Request has invalid image format');
  }
}

let queue: Promise<unknown> = Promise.resolve();
/** One detection at a time: the model and its backend are shared state. */
function serialized<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

async function detect(image: Letterbox): Promise<DetectedObject[]> {
  return serialized(async () => {
    const tensor = human.tf.tensor4d(new Int32Array(image.data), [1, MODEL_INPUT, MODEL_INPUT, 3], 'int32');
    try {
      const result = await human.detect(tensor);
      if (result.error) throw new Error(result.error);
      return result.object;
    } finally {
      tensor.dispose();
    }
  });
}

function clamp01(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 10000) / 10000;
}

/** Groups detections into Rekognition labels (one per name, an instance per box), then adds the parents. */
function toLabels(objects: DetectedObject[], image: Letterbox, maxLabels: number, minConfidence: number): Label[] {
  const labels = new Map<string, Label>();
  for (const object of objects) {
    const name = rekognitionName(object.label);
    const confidence = confidenceOf(object.score);
    const [x, y, w, h] = object.box;
    const boundingBox = {
      Width: clamp01(w / image.width),
      Height: clamp01(h / image.height),
      Left: clamp01((x - image.left) / image.width),
      Top: clamp01((y - image.top) / image.height),
    };
    const label = labels.get(name) ?? {
      Name: name,
      Confidence: 0,
      Instances: [],
      Parents: (PARENTS[name] ?? []).map((parent) => ({ Name: parent })),
      Aliases: [],
      Categories: [],
    };
    label.Confidence = Math.max(label.Confidence, confidence);
    label.Instances.push({ BoundingBox: boundingBox, Confidence: confidence });
    labels.set(name, label);
  }
  for (const label of [...labels.values()]) {
    for (const { Name } of label.Parents) {
      const parent = labels.get(Name);
      if (parent) parent.Confidence = Math.max(parent.Confidence, label.Confidence);
      else labels.set(Name, { Name, Confidence: label.Confidence, Instances: [], Parents: [], Aliases: [], Categories: [] });
    }
  }
  // Objects before their parents at equal confidence: the dog is named before "Animal".
  return [...labels.values()]
    .map((label, order) => ({ label, order }))
    .sort((a, b) => b.label.Confidence - a.label.Confidence || a.order - b.order)
    .map(({ label }) => label)
    .filter((label) => label.Confidence >= minConfidence)
    .slice(0, maxLabels);
}

type DetectLabelsRequest = {
  Image?: { Bytes?: string; S3Object?: { Bucket?: string; Name?: string; Version?: string } };
  MaxLabels?: number;
  MinConfidence?: number;
};

async function imageBytes(request: DetectLabelsRequest): Promise<Buffer> {
  const image = request.Image;
  if (image?.Bytes !== undefined) {
    const bytes = Buffer.from(image.Bytes, 'base64');
    if (bytes.length > MAX_INLINE_BYTES) throw new RekognitionError('ImageTooLargeException', 'Image size is too large.');
    return bytes;
  }
  const object = image?.S3Object;
  if (!object?.Bucket || !object.Name) {
    throw new RekognitionError('InvalidParameterException', 'Request has invalid parameters');
  }
  try {
    const response = await s3.send(new GetObjectCommand({ Bucket: object.Bucket, Key: object.Name, VersionId: object.Version }));
    if ((response.ContentLength ?? 0) > MAX_S3_OBJECT_BYTES) {
      await response.Body?.transformToByteArray().catch(() => undefined);
      throw new RekognitionError('ImageTooLargeException', 'Image size is too large.');
    }
    return Buffer.from(await response.Body!.transformToByteArray());
  } catch (error) {
    if (error instanceof RekognitionError) throw error;
    const name = error instanceof NoSuchKey ? 'NoSuchKey' : (error as Error).name;
    throw new RekognitionError('InvalidS3ObjectException', `Unable to get object metadata from S3. Check object key, region and/or access permissions. (${name})`);
  }
}

function numberIn(value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new RekognitionError('InvalidParameterException', 'Request has invalid parameters');
  }
  return value;
}

async function detectLabels(body: unknown) {
  if (typeof body !== 'object' || body === null) throw new RekognitionError('InvalidParameterException', 'Request has invalid parameters');
  const request = body as DetectLabelsRequest;
  const maxLabels = numberIn(request.MaxLabels, 0, 1000, 1000);
  const minConfidence = numberIn(request.MinConfidence, 0, 100, 55);
  const image = await decode(await imageBytes(request));
  const objects = await detect(image);
  return { Labels: toLabels(objects, image, maxLabels, minConfidence), LabelModelVersion: LABEL_MODEL_VERSION };
}

function reply(response: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.1',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': crypto.randomUUID(),
  });
  response.end(text);
}

function replyError(response: ServerResponse, error: RekognitionError) {
  response.setHeader('x-amzn-ErrorType', error.type);
  reply(response, error.status, { __type: error.type, Message: error.message });
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) throw new RekognitionError('ImageTooLargeException', 'Image size is too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function route(request: IncomingMessage, response: ServerResponse) {
  const target = request.headers['x-amz-target'];
  if (request.method !== 'POST' || target === undefined) {
    // Health probes and stray requests get a plain answer, not a crash.
    reply(response, request.method === 'GET' ? 200 : 404, { status: 'ok', labelModelVersion: LABEL_MODEL_VERSION });
    return;
  }
  if (target !== 'RekognitionService.DetectLabels') {
    throw new RekognitionError('UnknownOperationException', `Operation ${String(target)} is not supported by the local labeller.`);
  }
  let body: unknown;
  try {
    body = JSON.parse(await readBody(request));
  } catch (error) {
    if (error instanceof RekognitionError) throw error;
    throw new RekognitionError('SerializationException', 'The request body is not valid JSON.');
  }
  const started = Date.now();
  const result = await detectLabels(body);
  console.log(JSON.stringify({ level: 'info', op: 'DetectLabels', ms: Date.now() - started, labels: result.Labels.map((label) => label.Name) }));
  reply(response, 200, result);
}

const server = createServer((request, response) => {
  route(request, response).catch((error: unknown) => {
    if (error instanceof RekognitionError) return replyError(response, error);
    console.error(error instanceof Error ? error.stack : error);
    replyError(response, new RekognitionError('InternalServerError', 'Internal server error', 500));
  });
});

async function start() {
  await human.load();
  // The first inference compiles the graph (about a second); do it before reporting ready.
  const blank = human.tf.tensor4d(new Int32Array(MODEL_INPUT * MODEL_INPUT * 3), [1, MODEL_INPUT, MODEL_INPUT, 3], 'int32');
  await human.detect(blank);
  blank.dispose();
  if (human.tf.getBackend() !== 'wasm') throw new Error(`expected the wasm backend, got ${human.tf.getBackend()}`);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(port), host, resolve);
  });
}

start().then(
  () => process.send?.({ ready: true }),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
process.on('disconnect', () => process.exit(0));
