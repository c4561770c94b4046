/**
 * Finds the files a source names: walks the glob's base directory (fs.readdir recursive) and
 * keeps the regular files the pattern matches. Hidden files and directories (`.name`, as used
 * by writers for files in progress) and `*.tmp` / `*.partial` are ignored.
 */
import { readdir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileGlob } from './glob.ts';
import type { SourceSpec } from './source-spec.ts';

export interface DiscoveredFile {
  /** Absolute path. */
  readonly path: string;
  readonly source: SourceSpec;
  readonly stats: Stats;
}

export function isIgnoredName(relPath: string): boolean {
  return relPath.split(/[\\/]/).some((s) => s.startsWith('.')) || /\.(tmp|partial|part)$/i.test(relPath);
}

async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await stat(path, { bigint: false });
  } catch {
    return null;
  }
}

export async function discoverSource(source: SourceSpec, cwd = process.cwd()): Promise<DiscoveredFile[]> {
  const glob = compileGlob(source.pattern);
  const base = glob.base;
  const baseStats = await statOrNull(resolve(cwd, base));
  if (baseStats === null) return [];
  if (baseStats.isFile()) return glob.matches(base) ? [{ path: resolve(cwd, base), source, stats: baseStats }] : [];
  if (!baseStats.isDirectory()) return [];
  let entries: string[];
  try {
    entries = await readdir(resolve(cwd, base), { recursive: true });
  } catch {
    return [];
  }
  const out: DiscoveredFile[] = [];
  for (const rel of entries) {
    if (isIgnoredName(rel)) continue;
    const candidate = join(base, rel);
    if (!glob.matches(candidate)) continue;
    const abs = resolve(cwd, candidate);
    const st = await statOrNull(abs);
    if (st?.isFile()) out.push({ path: abs, source, stats: st });
  }
  out.sort((a, b) => a.stats.mtimeMs - b.stats.mtimeMs || a.path.localeCompare(b.path));
  return out;
}

/** Every source's files; a file matched by two sources belongs to the first. */
export async function discoverAll(sources: readonly SourceSpec[], cwd = process.cwd()): Promise<DiscoveredFile[]> {
  const seen = new Set<string>();
  const out: DiscoveredFile[] = [];
  for (const s of sources) {
    for (const f of await discoverSource(s, cwd)) {
      const k = `${f.stats.dev}:${f.stats.ino}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(f);
    }
  }
  return out;
}

