/**
 * The CDKTF app: `npm run synth` (or `cdktf synth` from infra/) writes infra/cdktf.out/stacks/<stack>/cdk.tf.json
 * for one environment, chosen and tuned by the variables config.ts documents. deploy.sh applies them.
 */
import { App } from 'cdktf';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAMBDA_BUNDLE_FILE, LAMBDA_BUNDLE_ROOT, LAMBDA_FUNCTIONS, type LambdaName } from '../worker/lambdas';
import { ConfigError, loadConfig, stackNames, type EnvironmentConfig } from './config';
import { AppStack } from './stacks/app-stack';
import { RegistryStack } from './stacks/registry-stack';

export const INFRA_DIR = path.dirname(fileURLToPath(import.meta.url));

/** The folders `npm run build:lambdas` writes, one per consumer; synth zips them, so they must exist first. */
export function builtLambdaBundles(root = path.join(INFRA_DIR, '..', LAMBDA_BUNDLE_ROOT)): Record<LambdaName, string> {
  const bundles = Object.fromEntries(Object.keys(LAMBDA_FUNCTIONS).map((name) => [name, path.join(root, name)])) as Record<LambdaName, string>;
  const missing = Object.values(bundles).filter((directory) => !existsSync(path.join(directory, LAMBDA_BUNDLE_FILE)));
  if (missing.length > 0) throw new ConfigError(`No Lambda bundle in ${missing.join(', ')}: run \`npm run build:lambdas\` before synth`);
  return bundles;
}

/** Both stacks of one environment, in deploy order. */
export function buildApp(
  app: App,
  config: EnvironmentConfig,
  lambdaBundles: Readonly<Record<LambdaName, string>>,
): { registry: RegistryStack; app: AppStack } {
  const names = stackNames(config);
  const registry = new RegistryStack(app, names.registry, config);
  return { registry, app: new AppStack(app, names.app, { config, repositoryName: config.prefix, lambdaBundles }) };
}

function main(): void {
  const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? path.join(INFRA_DIR, 'cdktf.out') });
  const config = loadConfig({
    env: process.env,
    context: (key) => app.node.tryGetContext(key),
    localStateDirectory: path.join(INFRA_DIR, 'state'),
  });
  buildApp(app, config, builtLambdaBundles());
  app.synth();
  console.log(`Synthesized ${Object.values(stackNames(config)).join(', ')} (${config.environment}, image tag ${config.imageTag}) into ${app.outdir}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
