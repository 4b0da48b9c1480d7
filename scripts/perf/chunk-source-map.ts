import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The source map file of a built chunk, or undefined when the build made none (a build without
 * BUNDLE_SOURCE_MAPS=true). Turbopack names a chunk's map by the map's own hash: the chunk's last line says which.
 */
export function chunkSourceMapFile(chunkFile: string, code: string): string | undefined {
  const mapName = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(code)?.[1];
  const mapFile = mapName ? path.join(path.dirname(chunkFile), mapName) : undefined;
  return mapFile && existsSync(mapFile) ? mapFile : undefined;
}
