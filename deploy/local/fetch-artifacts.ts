/** Resolves the local stack's jars from Maven Central with `mvn`, once, into the cache. */
import { existsSync, mkdirSync, writeFileSync, rmSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { spawn } from 'node:child_process';
import { APICURIO_VERSION, KAFKA_VERSION, projectRoot, type StackPaths } from './paths.ts';
import { StackError, requireMaven } from './preflight.ts';

const READY_MARKER = '.complete';

function run(cmd: string, args: string[], what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (err) => reject(new StackError('FETCH_FAILED', `${what}: ${err.message}`)));
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new StackError('FETCH_FAILED', `${what} failed (exit ${code}):\n${output.split('\n').slice(-25).join('\n')}`));
    });
  });
}

export async function fetchKafka(paths: StackPaths, log: (msg: string) => void): Promise<string> {
  const marker = join(paths.kafkaLibs, READY_MARKER);
  if (existsSync(marker)) return paths.kafkaLibs;
  requireMaven();
  log(`fetching Kafka ${KAFKA_VERSION} jars with mvn into ${paths.kafkaLibs} (once)`);
  rmSync(paths.kafkaLibs, { recursive: true, force: true });
  mkdirSync(paths.kafkaLibs, { recursive: true });
  await run('mvn', ['-q', '-B', '-f', join(projectRoot, 'deploy', 'local', 'pom.xml'), 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${paths.kafkaLibs}`, `-Dkafka.version=${KAFKA_VERSION}`], 'mvn dependency:copy-dependencies (Kafka)');
  writeFileSync(marker, new Date().toISOString());
  return paths.kafkaLibs;
}

export async function fetchApicurio(paths: StackPaths, log: (msg: string) => void): Promise<string> {
  const marker = join(paths.apicurioHome, READY_MARKER);
  if (existsSync(marker)) return findQuarkusRun(paths.apicurioHome);
  requireMaven();
  log(`fetching Apicurio Registry ${APICURIO_VERSION} with mvn into ${paths.apicurioHome} (once)`);
  rmSync(paths.apicurioHome, { recursive: true, force: true });
  const download = join(dirname(paths.apicurioHome), 'downloads');
  mkdirSync(download, { recursive: true });
  mkdirSync(paths.apicurioHome, { recursive: true });
  await run('mvn', ['-q', '-B', 'dependency:copy', `-Dartifact=io.apicurio:apicurio-registry-app:${APICURIO_VERSION}:tar.gz:all`, `-DoutputDirectory=${download}`], 'mvn dependency:copy (Apicurio Registry)');
  const tarball = join(download, `apicurio-registry-app-${APICURIO_VERSION}-all.tar.gz`);
  await run('tar', ['-xzf', tarball, '-C', paths.apicurioHome], 'unpacking Apicurio Registry');
  rmSync(tarball, { force: true });
  const jar = findQuarkusRun(paths.apicurioHome);
  writeFileSync(marker, new Date().toISOString());
  return jar;
}

/** The launcher jar: quarkus-run.jar (fast-jar layout) or *-runner.jar (legacy layout, as in 3.0.x). */
function findQuarkusRun(home: string): string {
  const direct = join(home, 'quarkus-run.jar');
  if (existsSync(direct)) return direct;
  const runner = readdirSync(home).find((f) => f.endsWith('-runner.jar'));
  if (runner) return join(home, runner);
  throw new StackError('FETCH_FAILED', `no quarkus-run.jar or *-runner.jar under ${home}; delete that folder to fetch again`);
}
