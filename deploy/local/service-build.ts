/**
 * Services run from the compiled tree (`npm run build` → dist/), not through the TypeScript loader:
 * a process then carries no tsx loader thread (about 30 MB less resident memory per service) and does
 * not transpile at start. `playpulse up` and the benches build first (incremental: a second build
 * with nothing changed takes about 2 s), so dist/ never runs stale code. Where TypeScript is not
 * installed (`npm ci --omit=dev`), a dist/ built earlier (the image's) is used, else the sources
 * through tsx.
 */
import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { projectRoot } from './paths.ts';

export const BUILD_CONFIG = 'tsconfig.build.json';
export const DIST_DIR = 'dist';

export interface ServiceCommand {
  command: string;
  args: string[];
}

export interface BuildResult {
  /** Whether services run from dist/. */
  compiled: boolean;
  /** What happened, for the start-up log. */
  summary: string;
}

/** `services/x/main.ts` → `<root>/dist/services/x/main.js`. */
export function compiledPath(entry: string, root = projectRoot): string {
  if (!entry.endsWith('.ts')) throw new Error(`not a TypeScript entry: ${entry}`);
  return join(root, DIST_DIR, `${entry.slice(0, -'.ts'.length)}.js`);
}

/** How to start a service entry (`services/x/main.ts`), compiled or from source. */
export function serviceCommand(entry: string, compiled: boolean, root = projectRoot): ServiceCommand {
  return compiled ? { command: process.execPath, args: [compiledPath(entry, root)] } : { command: process.execPath, args: ['--import', 'tsx', join(root, entry)] };
}

function tscPath(): string | null {
  try {
    return createRequire(join(projectRoot, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    return null;
  }
}

/**
 * Compiles the services into dist/. Type errors are reported but do not stop the build (tsc still
 * emits; `npm test` is where types are enforced); any other failure does.
 */
export async function buildServices(entries: readonly string[]): Promise<BuildResult> {
  const tsc = tscPath();
  const built = () => entries.every((e) => existsSync(compiledPath(e)));
  if (!tsc) {
    return built() ? { compiled: true, summary: 'TypeScript is not installed: running the dist/ built earlier' } : { compiled: false, summary: 'TypeScript is not installed and dist/ is missing: running the sources through tsx' };
  }
  // An incremental build trusts dist/.tsbuildinfo and would not re-emit an output deleted since.
  if (!built()) rmSync(join(projectRoot, DIST_DIR, '.tsbuildinfo'), { force: true });
  const t0 = Date.now();
  const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
    execFile(process.execPath, [tsc, '-p', join(projectRoot, BUILD_CONFIG)], { cwd: projectRoot, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, output: `${stdout}${stderr}`.trim() });
    });
  });
  const ms = Date.now() - t0;
  if (code === 0) return { compiled: true, summary: `compiled into ${DIST_DIR}/ in ${(ms / 1000).toFixed(1)} s` };
  // tsc exits 2 when it emitted output despite type errors.
  if (code === 2 && built()) return { compiled: true, summary: `compiled into ${DIST_DIR}/ with type errors (run npm run typecheck):\n${output.slice(0, 4000)}` };
  throw new Error(`npm run build failed (tsc exit ${code}):\n${output.slice(0, 4000)}`);
}
