/**
 * The CDKTF app: `npm run synth` (or `cdktf synth` from infra/) writes infra/cdktf.out/stacks/<stack>/cdk.tf.json
 * for one environment, chosen and tuned by the variables config.ts documents. deploy.sh applies them.
 */
import { App } from 'cdktf';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, stackNames, type EnvironmentConfig } from './config';
import { AppStack } from './stacks/app-stack';
import { RegistryStack } from './stacks/registry-stack';

export const INFRA_DIR = path.dirname(fileURLToPath(import.meta.url));

/** Both stacks of one environment, in deploy order. */
export function buildApp(app: App, config: EnvironmentConfig): { registry: RegistryStack; app: AppStack } {
  const names = stackNames(config);
  const registry = new RegistryStack(app, names.registry, config);
  return { registry, app: new AppStack(app, names.app, { config, repositoryName: config.prefix }) };
}

function main(): void {
  const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? path.join(INFRA_DIR, 'cdktf.out') });
  const config = loadConfig({
    env: process.env,
    context: (key) => app.node.tryGetContext(key),
    localStateDirectory: path.join(INFRA_DIR, 'state'),
  });
  buildApp(app, config);
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
