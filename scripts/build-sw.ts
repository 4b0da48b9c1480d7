/**
 * `npm run build:sw`, after `next build`: the service worker at /sw.js (public/sw.js, generated, not in
 * git). Serwist's Next plugin hooks into webpack, and `next build` here uses Turbopack, so this is
 * Serwist's documented bundler-agnostic path: esbuild bundles service-worker/sw.ts, then
 * `@serwist/build`'s injectManifest writes the precache list of the hashed assets Next just built
 * (.next/static → /_next/static/) and the icons into it.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { injectManifest } from '@serwist/build';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = path.join(ROOT, '.next', 'sw-bundle', 'sw.js');
export const SERVICE_WORKER_FILE = path.join(ROOT, 'public', 'sw.js');

export async function buildServiceWorker(): Promise<{ readonly precached: number; readonly bytes: number }> {
  rmSync(path.dirname(BUNDLE), { recursive: true, force: true });
  mkdirSync(path.dirname(BUNDLE), { recursive: true });
  await build({
    entryPoints: [path.join(ROOT, 'service-worker', 'sw.ts')],
    outfile: BUNDLE,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const { count, size, warnings } = await injectManifest({
    swSrc: BUNDLE,
    swDest: SERVICE_WORKER_FILE,
    globDirectory: path.join(ROOT, '.next'),
    globPatterns: ['static/**/*.{js,css,woff2}'],
    modifyURLPrefix: { 'static/': '/_next/static/' },
    // Next's file names carry their content hash: no revision query needed.
    dontCacheBustURLsMatching: /^\/_next\/static\//,
    additionalPrecacheEntries: ['/icons/icon-192.png', '/icons/icon-512.png'].map((url) => ({ url, revision: buildRevision() })),
    maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
  });
  for (const warning of warnings) console.warn(`service worker: ${warning}`);
  return { precached: count, bytes: size };
}

/** The icons have no hash in their names: the build's time stands for their revision. */
function buildRevision(): string {
  return process.env.GIT_SHA || String(Date.now());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { precached, bytes } = await buildServiceWorker();
  console.log(`service worker: ${path.relative(ROOT, SERVICE_WORKER_FILE)}, ${precached} files precached (${Math.round(bytes / 1024)} KiB)`);
}
