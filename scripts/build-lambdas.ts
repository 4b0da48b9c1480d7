/**
 * `npm run build:lambdas`: one esbuild bundle per consumer of worker/lambdas.ts, as the Lambda Node 24
 * runtime loads it: `.lambda/<name>/index.js` (CommonJS, minified) with its source map beside it (the
 * functions run with --enable-source-maps, so stack traces name the sources). The AWS SDK is bundled
 * too: the function runs the SDK version the tests ran, not whichever one the runtime ships.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { LAMBDA_BUNDLE_FILE, LAMBDA_BUNDLE_ROOT, LAMBDA_FUNCTIONS, type LambdaName } from '../worker/lambdas';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Builds every bundle under `outRoot` (default .lambda/); returns each bundle's file. */
export async function buildLambdas(outRoot = path.join(ROOT, LAMBDA_BUNDLE_ROOT)): Promise<Record<LambdaName, string>> {
  const built = {} as Record<LambdaName, string>;
  for (const [name, { entry }] of Object.entries(LAMBDA_FUNCTIONS) as [LambdaName, (typeof LAMBDA_FUNCTIONS)[LambdaName]][]) {
    const directory = path.join(outRoot, name);
    // Only the bundle, its map and its package.json: the directory is zipped whole.
    rmSync(directory, { recursive: true, force: true });
    const outfile = path.join(directory, LAMBDA_BUNDLE_FILE);
    await build({
      entryPoints: [path.join(ROOT, entry)],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node24',
      format: 'cjs',
      minify: true,
      sourcemap: true,
      sourcesContent: false,
      legalComments: 'none',
      logLevel: 'warning',
    });
    // CommonJS however the folder around it is set (this repository is "type": "module"), here and on Lambda.
    writeFileSync(path.join(directory, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
    built[name] = outfile;
  }
  return built;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await buildLambdas();
  for (const [name, file] of Object.entries(built)) console.log(`${name}: ${path.relative(ROOT, file)}`);
}
