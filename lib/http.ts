import 'server-only';
import { randomUUID } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import type { z } from 'zod';
import { withReadMeter } from './aws/read-meter';
import { env } from './env';
import {
  AppError,
  BadRequestError,
  ForbiddenError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
  type FieldError,
} from './errors';

const MAX_JSON_BODY_BYTES = 64 * 1024;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Builds an RFC 9457 problem+json response. */
export function problemResponse(error: AppError, instance?: string): Response {
  const body = {
    type: error.type,
    title: error.title,
    status: error.status,
    detail: error.message,
    ...(instance ? { instance } : {}),
    ...error.extensions,
  };
  return Response.json(body, {
    status: error.status,
    headers: { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store', ...error.headers },
  });
}

function toProblem(error: unknown, requestId: string): Response {
  if (error instanceof AppError) return problemResponse(error);
  // Unexpected: log the details here, tell the client only an id it can quote.
  console.error(JSON.stringify({ level: 'error', requestId, error: describe(error) }));
  return problemResponse(
    new AppError(500, 'Internal server error', `Something went wrong. Reference: ${requestId}.`),
  );
}

function describe(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { value: String(error) };
}

/**
 * Rejects unsafe requests that a browser sent from another site (CSRF), unless they carry a Bearer token.
 * Browsers send Origin on every unsafe fetch and form post, so a cookie request without one is refused too.
 */
export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  if (request.headers.get('authorization')?.startsWith('Bearer ')) return;
  const origin = request.headers.get('origin');
  const refused =
    origin !== null
      ? !env().allowedOrigins.includes(origin)
      : Boolean(request.headers.get('cookie')) || request.headers.get('sec-fetch-site') === 'cross-site';
  if (refused) throw new ForbiddenError('Requests that change data must come from the app itself.');
}

type Handler<C> = (request: NextRequest, context: C) => Promise<Response>;

/** The one path from a route handler to a response: origin check, then any failure becomes problem+json. */
export function handle<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    const requestId = randomUUID();
    const { result: response, itemsRead } = await withReadMeter(async () => {
      try {
        assertSameOrigin(request);
        return await handler(request, context);
      } catch (error) {
        return toProblem(error, requestId);
      }
    });
    if (env().REPORT_ITEMS_READ) response.headers.set('x-items-read', String(itemsRead));
    return response;
  };
}

/** Body formats a route may accept: JSON everywhere, CSV only where a route opts in (import). */
export type BodyFormat = 'json' | 'csv';
const BODY_TYPES: Record<BodyFormat, RegExp> = { json: /^application\/(?:[\w.+-]+\+)?json\b/i, csv: /^text\/csv\b/i };
const BODY_TYPE_NAMES: Record<BodyFormat, string> = { json: 'application/json', csv: 'text/csv' };

/** The one content-type rule of request bodies: which of the route's accepted formats this one is (415 otherwise). */
function bodyFormat(request: Request, accepted: readonly BodyFormat[]): BodyFormat {
  const contentType = request.headers.get('content-type') ?? '';
  const format = accepted.find((candidate) => BODY_TYPES[candidate].test(contentType));
  if (!format) throw new UnsupportedMediaTypeError(`Send the body as ${accepted.map((name) => BODY_TYPE_NAMES[name]).join(' or ')}.`);
  return format;
}

/** A bounded body of one of the accepted formats, as text, for routes that parse it themselves (import files). */
export async function readBody(request: Request, accepted: readonly BodyFormat[], maxBytes: number): Promise<{ format: BodyFormat; text: string }> {
  const format = bodyFormat(request, accepted);
  return { format, text: await readBounded(request, maxBytes) };
}

/** Reads a bounded JSON body and validates it with a zod schema. */
export async function parseJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  bodyFormat(request, ['json']);
  const text = await readBounded(request, MAX_JSON_BODY_BYTES);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new BadRequestError('The body is not valid JSON.');
  }
  return validate(schema, data);
}

/** Like parseJson, for endpoints whose body may be left out: an empty body is `{}`. */
export async function parseOptionalJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const declared = request.headers.get('content-length');
  if (!request.body || declared === '0') return validate(schema, {});
  return parseJson(request, schema);
}

/** Validates already-parsed input (query strings, params) with a zod schema. */
export function validate<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw new ValidationError(fieldErrors(result.error));
  return result.data;
}

function fieldErrors(error: z.ZodError): FieldError[] {
  const fieldName = (path: readonly PropertyKey[]) => (path.length > 0 ? path.map(String).join('.') : '(body)');
  return error.issues.flatMap((issue) =>
    // Name each unknown field on its own, so a client sees exactly what to remove.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: fieldName([...issue.path, key]), message: 'This field is not allowed.' }))
      : [{ field: fieldName(issue.path), message: issue.message }],
  );
}

/** The body as text, bounded like every JSON body unless a route allows more (413 past the limit, 400 for bad UTF-8). */
export function readBodyText(request: Request, maxBytes: number = MAX_JSON_BODY_BYTES): Promise<string> {
  return readBounded(request, maxBytes);
}

async function readBounded(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new PayloadTooLargeError(`The body must be at most ${maxBytes} bytes.`, { bodyLeftUnread: true });
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw new PayloadTooLargeError(`The body must be at most ${maxBytes} bytes.`, { bodyLeftUnread: true });
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new BadRequestError('The body is not valid UTF-8.');
  }
}

/** A JSON response that is never cached. */
export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('Cache-Control', 'no-store');
  return Response.json(body, { ...init, headers });
}

/** 204 No Content, never cached (auth answers may carry fresh session cookies). */
export function noContent(): NextResponse {
  return new NextResponse(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
}
