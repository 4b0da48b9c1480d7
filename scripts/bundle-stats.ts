import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

type RouteStats = { route: string; firstLoadChunkPaths: string[] };

/**
 * Gzipped first-load JS per route in KiB, from a Turbopack build's .next/diagnostics/route-bundle-stats.json
 * (chunk paths there are relative to the project). Empty when the project has no such build.
 */
export function firstLoadJsKiB(projectDir: string): Map<string, number> {
  const statsFile = path.join(projectDir, '.next', 'diagnostics', 'route-bundle-stats.json');
  if (!existsSync(statsFile)) return new Map();
  const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as RouteStats[];
  const gzipBytes = (chunk: string) => gzipSync(readFileSync(path.join(projectDir, chunk))).length;
  return new Map(stats.map((s) => [s.route, +(s.firstLoadChunkPaths.reduce((sum, c) => sum + gzipBytes(c), 0) / 1024).toFixed(1)]));
}
