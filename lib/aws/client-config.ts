import 'server-only';
import { env } from '../env';
import { ServiceUnavailableError } from '../errors';

/**
 * Bounded timeouts and one retry: a dead or hung backend answers 503 within ~5 s instead of hanging.
 * The SDK only warns when requestTimeout passes unless told to throw.
 */
export const SDK_TIMEOUTS = { connectionTimeout: 1000, requestTimeout: 2000, throwOnRequestTimeout: true } as const;
export const SDK_MAX_ATTEMPTS = 2;

export function sdkClientConfig(endpoint: string | undefined) {
  return {
    region: env().AWS_REGION,
    endpoint,
    maxAttempts: SDK_MAX_ATTEMPTS,
    requestHandler: SDK_TIMEOUTS,
  };
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  'TimeoutError', 'RequestTimeout', 'AbortError', 'NetworkingError',
]);

/** True for failures that mean "the service could not be reached or is failing", not "you asked wrongly". */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const withMeta = error as Error & { code?: string; $metadata?: { httpStatusCode?: number }; $fault?: string };
  if (UNREACHABLE_CODES.has(error.name) || (withMeta.code && UNREACHABLE_CODES.has(withMeta.code))) return true;
  const status = withMeta.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  return withMeta.$metadata !== undefined && status === undefined;
}

type MiddlewareClient = {
  middlewareStack: {
    add: (
      middleware: (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>,
      options: { step: 'initialize'; name: string },
    ) => void;
  };
};

/** Turns transport-level failures of one SDK client into a 503 naming that service. */
export function mapUnavailable<C>(client: C, service: string): C {
  (client as unknown as MiddlewareClient).middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        throw isUnavailable(error) ? new ServiceUnavailableError(service) : error;
      }
    },
    { step: 'initialize', name: 'todoerUnavailableMapping' },
  );
  return client;
}
