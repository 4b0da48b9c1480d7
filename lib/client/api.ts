/** The browser's only door to the API: JSON in and out, problem+json errors, transparent session refresh. */

export type ApiFieldError = { readonly field: string; readonly message: string };

/** A failed API call, shaped from the server's RFC 9457 problem details. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: readonly ApiFieldError[] = [],
    readonly retryAfterSeconds: number | null = null,
    /** The problem's own members beyond the standard ones (e.g. an import's `report`). */
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail || title);
  }
}

export type ApiFetchOptions = {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON; a Blob (a picked file) is sent as it is, with the Content-Type given in `headers`. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /**
   * A background request (sync): a session that cannot be renewed is reported as the 401 it is, and
   * the caller decides; a request the person made goes to sign-in instead.
   */
  readonly quiet?: boolean;
};

const NETWORK_ERROR_TITLE = 'Network error';

/** The request never got an answer (offline, connection lost): it may be sent again later. */
export function isNetworkError(error: unknown): boolean {
  return error instanceof ApiError && error.status === 0 && error.title === NETWORK_ERROR_TITLE;
}

const REFRESH_PATH = '/api/auth/refresh';
// A 401 from these means "wrong credentials" or "no session at all", never "access token expired".
const NO_REFRESH_PATHS = new Set(['/api/auth/sign-in', REFRESH_PATH, '/api/auth/token']);

let refreshInFlight: Promise<boolean> | null = null;

/**
 * Calls the API and resolves with the parsed JSON body (undefined for an empty body).
 * Throws ApiError for any non-2xx answer or network failure.
 */
export async function apiFetch(path: string, options: ApiFetchOptions = {}): Promise<unknown> {
  let response = await send(path, options);
  if (response.status === 401 && !NO_REFRESH_PATHS.has(pathOnly(path))) {
    if (!(await refreshSession())) {
      if (!options.quiet) redirectToSignIn();
      throw await toApiError(response);
    }
    response = await send(path, options);
  }
  if (!response.ok) throw await toApiError(response);
  return readBody(response);
}

async function send(path: string, { method = 'GET', body, headers, signal }: ApiFetchOptions): Promise<Response> {
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    cache: 'no-store',
    headers: {
      Accept: 'application/json, application/problem+json',
      ...(body === undefined || body instanceof Blob ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: body instanceof Blob ? body : JSON.stringify(body) }),
    ...(signal ? { signal } : {}),
  };
  try {
    return await fetch(path, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, NETWORK_ERROR_TITLE, 'Could not reach Todoer. Check your connection and try again.');
  }
}

/** One refresh at a time: concurrent 401s share the same attempt. */
function refreshSession(): Promise<boolean> {
  refreshInFlight ??= send(REFRESH_PATH, { method: 'POST' })
    .then((response) => response.ok)
    .catch(() => false)
    .finally(() => {
      refreshInFlight = null;
    });
  return refreshInFlight;
}

/** The session is over: a full page load to sign-in also drops everything held in memory for it. */
function redirectToSignIn(): void {
  if (typeof window === 'undefined') return;
  window.location.assign(signInHref());
}

/** Sign-in, coming back to this page afterwards. */
export function signInHref(): string {
  const { origin, pathname, search } = window.location;
  const target = new URL('/sign-in', origin);
  target.searchParams.set('next', `${pathname}${search}`);
  return target.href;
}

function pathOnly(path: string): string {
  return path.split(/[?#]/, 1)[0] ?? path;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(response.status, 'Unexpected response', 'The server sent a response Todoer could not read.');
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  let problem: unknown = null;
  try {
    problem = await response.clone().json();
  } catch {
    problem = null;
  }
  const title = stringField(problem, 'title') ?? defaultTitle(response.status);
  const detail = stringField(problem, 'detail') ?? defaultDetail(response.status, retryAfter);
  const extensions = typeof problem === 'object' && problem !== null ? { ...(problem as Record<string, unknown>) } : {};
  return new ApiError(response.status, title, detail, fieldErrors(problem), retryAfter, extensions);
}

function stringField(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field: unknown = (value as Record<string, unknown>)[key];
  return typeof field === 'string' && field.trim() !== '' ? field : undefined;
}

function fieldErrors(problem: unknown): ApiFieldError[] {
  if (typeof problem !== 'object' || problem === null) return [];
  const errors: unknown = (problem as Record<string, unknown>).errors;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((entry: unknown) => {
    const field = stringField(entry, 'field');
    const message = stringField(entry, 'message');
    return field && message ? [{ field, message }] : [];
  });
}

function parseRetryAfter(header: string | null): number | null {
  if (header === null) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function defaultTitle(status: number): string {
  if (status === 429) return 'Too many requests';
  if (status >= 500) return 'Server error';
  return 'Request failed';
}

function defaultDetail(status: number, retryAfter: number | null): string {
  if (status === 429) {
    return retryAfter === null ? 'Too many attempts. Wait a moment and try again.' : `Too many attempts. Try again in ${retryAfter} seconds.`;
  }
  if (status >= 500) return 'Something went wrong on our side. Try again in a moment.';
  return `The request failed (HTTP ${status}).`;
}
