/**
 * The Node major every script and test runs on, read from .node-version (the Dockerfile's pin agrees:
 * tests/api/container.test.ts). A wrong Node fails at once with what to do, not later with a puzzling
 * error (fauxqs needs node:sqlite, the Lambda bundles target this Node).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const NODE_VERSION = readFileSync(path.join(ROOT, '.node-version'), 'utf8').trim();

export function assertNodeVersion(): void {
  const wanted = NODE_VERSION.split('.')[0];
  const running = process.versions.node.split('.')[0];
  if (running !== wanted) {
    console.error(
      `\n  Todoer needs Node ${wanted} (.node-version: ${NODE_VERSION}); this is Node ${process.versions.node}.\n` +
        '  Run `source scripts/use-node-24.sh` (installs it from the npm registry for this shell), then try again.\n',
    );
    process.exit(1);
  }
}
