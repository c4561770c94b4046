/**
 * The project's root folder: the nearest folder at or above this module holding package.json. The same
 * answer from the TypeScript sources (services/runtime/) and from the compiled tree
 * (dist/services/runtime/), so files read at run time (avro/*.avsc, .stack/) resolve in both.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function findProjectRoot(start: string, exists: (path: string) => boolean = existsSync): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (exists(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json at or above ${start}`);
  }
}

export const projectRoot = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
