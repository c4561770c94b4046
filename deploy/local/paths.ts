/** Where the local stack keeps its downloads (outside git, shared by clones) and its state (per checkout). */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../services/runtime/project-root.ts';

export { projectRoot };

export const KAFKA_VERSION = '3.9.1';
export const APICURIO_VERSION = '3.0.9';

export interface StackPaths {
  /** Downloaded artifacts, reused across runs and clones. */
  cacheDir: string;
  kafkaLibs: string;
  apicurioHome: string;
  /** Runtime state of this checkout's stack: data, logs, pid files. */
  stateDir: string;
}

export function stackPaths(env: NodeJS.ProcessEnv = process.env): StackPaths {
  const cacheDir = env['PLAYPULSE_CACHE_DIR'] ?? join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'playpulse');
  const stateDir = env['PLAYPULSE_STATE_DIR'] ?? join(projectRoot, '.stack');
  return {
    cacheDir,
    kafkaLibs: join(cacheDir, `kafka-${KAFKA_VERSION}`, 'libs'),
    apicurioHome: join(cacheDir, `apicurio-registry-${APICURIO_VERSION}`),
    stateDir,
  };
}
