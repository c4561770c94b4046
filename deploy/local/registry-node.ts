/** Apicurio Registry 3.x with H2 file storage, so schemas and their ids survive restarts. */
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { ManagedProcess } from './managed-process.ts';

export interface RegistryNodeOptions {
  launcherJar: string;
  dir: string;
  port: number;
  heapMb?: number;
}

export const CCOMPAT_PATH = '/apis/ccompat/v7';

export async function registryAnswers(url: string, timeoutMs = 2000): Promise<boolean> {
  try {
    const res = await fetch(`${url.replace(/\/$/, '')}/subjects`, { signal: AbortSignal.timeout(timeoutMs) });
    return res.status === 200;
  } catch {
    return false;
  }
}

export function registryProcess(o: RegistryNodeOptions): ManagedProcess {
  mkdirSync(join(o.dir, 'db'), { recursive: true });
  const dbUrl = `jdbc:h2:file:${join(o.dir, 'db', 'registry')};DB_CLOSE_ON_EXIT=FALSE`;
  return new ManagedProcess({
    name: 'Apicurio Registry',
    command: 'java',
    cwd: dirname(o.launcherJar),
    args: [
      `-Xms${o.heapMb ?? 256}m`,
      `-Xmx${o.heapMb ?? 512}m`,
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      '-Djava.awt.headless=true',
      `-Dquarkus.http.port=${o.port}`,
      '-Dquarkus.http.host=127.0.0.1',
      '-Dapicurio.storage.kind=sql',
      '-Dapicurio.storage.sql.kind=h2',
      `-Dapicurio.datasource.url=${dbUrl}`,
      '-Dapicurio.datasource.username=sa',
      '-Dapicurio.datasource.password=sa',
      '-Dapicurio.datasource.jdbc.initial-size=2',
      '-Dapicurio.datasource.jdbc.min-size=2',
      '-Dapicurio.datasource.jdbc.max-size=20',
      `-Dapicurio.storage.snapshot.location=${o.dir}`,
      '-Dquarkus.log.level=WARN',
      '-Dquarkus.log.category."io.apicurio".level=INFO',
      '-jar',
      o.launcherJar,
    ],
    logFile: join(o.dir, 'registry.log'),
    pidFile: join(o.dir, 'registry.pid'),
    healthy: () => registryAnswers(`http://127.0.0.1:${o.port}${CCOMPAT_PATH}`, 1500),
    startTimeoutMs: 120_000,
    stopTimeoutMs: 15_000,
  });
}
