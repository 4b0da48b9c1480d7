/**
 * fauxqs finds a queue by the exact URL string CreateQueue returned, so `http://localhost:P/...` and
 * `http://127.0.0.1:P/...` would name two different (or missing) queues. AWS identifies a queue by its
 * path. These hooks give every queue one URL, on the emulator's own address, and map any incoming
 * QueueUrl with the same path onto it.
 */
import type { EventsApp } from './events-types';

/** The origin queue URLs use: the host and port the emulator listens on (IPv6 in brackets). */
export function queueUrlOrigin(host: string, port: number): string {
  const urlHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return new URL(`http://${urlHost}:${port}`).origin;
}

/** The same queue path on the canonical origin; anything that is not an absolute URL is left alone. */
export function canonicalQueueUrl(queueUrl: string, origin: string): string {
  try {
    return `${origin}${new URL(queueUrl).pathname}`;
  } catch {
    return queueUrl;
  }
}

function isSqsRequest(contentType: string | undefined): boolean {
  return contentType?.includes('application/x-amz-json-1.0') ?? false;
}

export function canonicalQueueUrls(app: EventsApp, origin: string): void {
  const originHost = new URL(origin).host;

  app.addHook('onRequest', (request, _reply, done) => {
    // CreateQueue derives a new queue's URL from the Host header.
    if (isSqsRequest(request.headers['content-type'])) request.raw.headers.host = originHost;
    done();
  });

  app.addHook('preValidation', (request, _reply, done) => {
    const body: unknown = request.body;
    if (isSqsRequest(request.headers['content-type']) && typeof body === 'object' && body !== null && 'QueueUrl' in body) {
      const { QueueUrl } = body;
      if (typeof QueueUrl === 'string') Object.assign(body, { QueueUrl: canonicalQueueUrl(QueueUrl, origin) });
    }
    done();
  });
}
