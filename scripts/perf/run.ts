/**
 * What the performance scripts share: the production build they measure (built when missing or on --build),
 * a fresh stack of their own on free 127.0.0.1 ports, and where their figures go (bench/results/, ignored by git).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { prepareStandalone, ROOT, startTestStack, type Stack } from '../stack';

export const CHROMIUM = '/usr/bin/chromium';

/** The standalone server as the image has it, and the Lambda bundles the local poller runs. */
export function ensureBuild(): void {
  if (!existsSync(path.join(ROOT, '.next', 'standalone', 'server.js')) || process.argv.includes('--build')) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  prepareStandalone();
}

/** Runs `measure` against a stack of its own, then stops the stack and removes its data whatever happened. */
export async function withStack<T>(
  name: string,
  measure: (stack: Stack) => Promise<T>,
  extraEnv: Record<string, string> = {},
): Promise<T> {
  ensureBuild();
  const dataDir = mkdtempSync(path.join(tmpdir(), `todoer-${name}-`));
  const stack = await startTestStack({ dataDir, extraEnv });
  try {
    return await measure(stack);
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Writes bench/results/<kind>-<timestamp>.json and says where. */
export function writeResult(kind: string, result: { readonly at: string } & Record<string, unknown>): string {
  const outDir = path.join(ROOT, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, `${kind}-${result.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written to ${path.relative(ROOT, outFile)}`);
  return outFile;
}

/** The value below which `share` of the sorted samples fall (nearest rank). */
export function percentile(samples: readonly number[], share: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const value = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))];
  if (value === undefined) throw new Error('no samples');
  return value;
}
