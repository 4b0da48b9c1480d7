/**
 * The consumers that run as Lambda functions: one bundle each, built by `npm run build:lambdas`
 * (scripts/build-lambdas.ts) into `.lambda/<name>/index.js`, zipped and deployed by the infra stack,
 * and run locally by local-poller.ts. Plain data: read by the build, the infra and the local stack.
 */
export const LAMBDA_FUNCTIONS = {
  activity: { entry: 'worker/activity-handler.ts' },
  reminder: { entry: 'worker/reminder-handler.ts' },
} as const;

export type LambdaName = keyof typeof LAMBDA_FUNCTIONS;

/** Where the bundles go, relative to the repository root. */
export const LAMBDA_BUNDLE_ROOT = '.lambda';
export const LAMBDA_BUNDLE_FILE = 'index.js';
/** Every consumer module exports `handler`: Lambda's handler setting is `<file without .js>.<export>`. */
export const LAMBDA_HANDLER = 'index.handler';
