/** A tiny HTTP client for API tests: real requests to the running standalone server, with a cookie jar. */
import { randomUUID } from 'node:crypto';

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run API tests through \`npm test\` (scripts/test.ts), which starts the stack.`);
  return value;
}

export const APP_URL = process.env.TEST_APP_URL ?? '';
export const AUTH_CODE = process.env.TEST_AUTH_CODE ?? '123456';
export const STRONG_PASSWORD = 'Correct-Horse-9';

export type ApiResponse<T = unknown> = { status: number; headers: Headers; body: T; text: string };

export type RequestOptions = {
  method?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  /**
   * The Origin header of an unsafe request (not GET/HEAD): the app's own by default, as a browser
   * sends on every such fetch; `null` sends none. An `origin` in `headers` wins.
   */
  origin?: string | null;
};

/** Keeps cookies like a browser would for one origin (enough for Set-Cookie with Path=/). */
export class Session {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string = requiredEnv('TEST_APP_URL')) {}

  async request<T = unknown>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const method = options.method ?? (options.json !== undefined || options.body !== undefined ? 'POST' : 'GET');
    const origin = options.origin === undefined ? new URL(this.baseUrl).origin : options.origin;
    const unsafe = !['GET', 'HEAD'].includes(method.toUpperCase());
    if (unsafe && origin !== null && !Object.keys(headers).some((name) => name.toLowerCase() === 'origin')) headers.origin = origin;
    if (options.json !== undefined) headers['content-type'] ??= 'application/json';
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.json !== undefined ? JSON.stringify(options.json) : options.body,
      redirect: 'manual',
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    let body: unknown = text;
    if (text && /json/.test(response.headers.get('content-type') ?? '')) body = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: body as T, text };
  }
}

export function uniqueEmail(tag = 'api'): string {
  return `${tag}-${randomUUID().slice(0, 12)}@example.test`;
}

export type TestUser = { email: string; password: string; session: Session };

/** Signs up and confirms a fresh user through the API on the shared stack; signs in when asked. */
export function createUser(options: { signIn?: boolean; name?: string } = {}): Promise<TestUser> {
  return createUserAt(requiredEnv('TEST_APP_URL'), options);
}

/** Asserts the RFC 9457 shape every error response must have. */
export function isProblem(response: ApiResponse): boolean {
  const body = response.body as Record<string, unknown>;
  return (
    (response.headers.get('content-type') ?? '').startsWith('application/problem+json') &&
    typeof body === 'object' && body !== null &&
    typeof body.type === 'string' && typeof body.title === 'string' &&
    body.status === response.status && typeof body.detail === 'string' &&
    !/at .+\(.+:\d+:\d+\)/.test(response.text)
  );
}

/** Like createUser, against another running app (a test's own stack). */
export async function createUserAt(
  baseUrl: string,
  options: { signIn?: boolean; name?: string; email?: string; password?: string } = {},
): Promise<TestUser> {
  const session = new Session(baseUrl);
  const email = options.email ?? uniqueEmail();
  const password = options.password ?? STRONG_PASSWORD;
  const signUp = await session.request('/api/auth/sign-up', { json: { email, password, name: options.name ?? 'Test Person' } });
  if (signUp.status !== 201) throw new Error(`sign-up failed: ${signUp.status} ${signUp.text}`);
  const confirm = await session.request('/api/auth/confirm', { json: { email, code: AUTH_CODE } });
  if (confirm.status !== 204) throw new Error(`confirm failed: ${confirm.status} ${confirm.text}`);
  if (options.signIn !== false) {
    const signIn = await session.request('/api/auth/sign-in', { json: { email, password } });
    if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status} ${signIn.text}`);
  }
  return { email, password, session };
}

/** SDK client settings for the local emulators (region, endpoint, the emulators' fixed credentials). */
export function emulatorClientConfig(endpoint: string) {
  return { region: 'us-east-1', endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
}

/** A problem response's `errors[].field` values. */
export function problemFields(response: ApiResponse): string[] {
  const errors = (response.body as { errors?: { field?: unknown }[] } | null)?.errors;
  return Array.isArray(errors) ? errors.map((error) => String(error.field)) : [];
}

/** The Set-Cookie header of one cookie, by name, as the server sent it. */
export function setCookieFor(response: ApiResponse, name: string): string | undefined {
  return response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`));
}

/** The same signed-in person talking to another server process (its cookies copied). */
export function sessionAt(session: Session, baseUrl: string): Session {
  const other = new Session(baseUrl);
  for (const [name, value] of session.cookies) other.cookies.set(name, value);
  return other;
}
