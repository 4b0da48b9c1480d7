/** Failures that map to RFC 9457 problem responses. Anything else becomes a 500 without details. */
export type FieldError = { readonly field: string; readonly message: string };

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly extensions: Readonly<Record<string, unknown>> = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
  }

  get type(): string {
    return `https://todoer.dev/problems/${this.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  }
}

export class ValidationError extends AppError {
  constructor(readonly errors: readonly FieldError[], detail = 'The request has invalid fields.') {
    super(400, 'Invalid request', detail, { errors });
  }
}

export class BadRequestError extends AppError {
  constructor(detail: string) {
    super(400, 'Bad request', detail);
  }
}

export class UnauthorizedError extends AppError {
  constructor(detail = 'Sign in to continue.') {
    super(401, 'Unauthorized', detail, {}, { 'WWW-Authenticate': 'Bearer' });
  }
}

export class ForbiddenError extends AppError {
  constructor(detail: string) {
    super(403, 'Forbidden', detail);
  }
}

export class NotFoundError extends AppError {
  constructor(detail = 'Not found.') {
    super(404, 'Not found', detail);
  }
}

export class ConflictError extends AppError {
  constructor(detail: string) {
    super(409, 'Conflict', detail);
  }
}

/** A per-account or per-list quota (SPEC §6.4): 409, naming the limit so a client can say which. */
export class QuotaExceededError extends AppError {
  constructor(limit: string, max: number, detail: string) {
    super(409, 'Quota exceeded', detail, { limit, max });
  }
}

export class PreconditionFailedError extends AppError {
  constructor(detail = 'The resource changed since you read it.') {
    super(412, 'Precondition failed', detail);
  }
}

export class PayloadTooLargeError extends AppError {
  /** With `bodyLeftUnread`, the connection cannot carry another request, so it is closed. */
  constructor(detail: string, options: { bodyLeftUnread?: boolean } = {}) {
    super(413, 'Payload too large', detail, {}, options.bodyLeftUnread ? { Connection: 'close' } : {});
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(detail: string) {
    super(415, 'Unsupported media type', detail);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(detail: string, retryAfterSeconds: number) {
    super(429, 'Too many requests', detail, {}, { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) });
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(readonly service: string) {
    super(503, 'Service unavailable', `${service} is unavailable. Try again shortly.`, { service }, { 'Retry-After': '5' });
  }
}
