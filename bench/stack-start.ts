/**
 * npm run bench:stack — how long `playpulse up --no-simulator` takes until it prints that it is up,
 * cold (empty jar cache, empty Maven repository, empty state: everything downloaded from Maven
 * Central) and warm (second start, caches and data kept), and how long Ctrl-C takes to stop it.
 * Uses its own ports and temp folders, so a running stack is not disturbed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICES } from '../services/cli/service-catalog.ts';
import { table } from './bench-support.ts';

const root = mkdtempSync(join(tmpdir(), 'playpulse-bench-stack-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PLAYPULSE_CACHE_DIR: join(root, 'cache'),
  PLAYPULSE_STATE_DIR: join(root, 'state'),
  MAVEN_OPTS: `${process.env['MAVEN_OPTS'] ?? ''} -Dmaven.repo.local=${join(root, 'm2')}`,
  KAFKA_BROKERS: '127.0.0.1:39092',
  SCHEMA_REGISTRY_URL: 'http://127.0.0.1:38081/apis/ccompat/v7',
  REDIS_URL: 'redis://127.0.0.1:36379',
  LOG_LEVEL: 'warn',
};
SERVICES.forEach((s, i) => (env[s.portVariable] = String(38_100 + i)));

async function startStop(label: string): Promise<{ case: string; 'up s': string; 'stop s': string }> {
  const t0 = Date.now();
  const child = spawn(process.execPath, ['bin/playpulse.js', 'up', '--no-simulator'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  while (!out.includes('Press Ctrl-C to stop.')) {
    if (child.exitCode !== null) throw new Error(`up failed:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const up = (Date.now() - t0) / 1000;
  const t1 = Date.now();
  child.kill('SIGINT');
  const code = await exited;
  if (code !== 0) throw new Error(`up exited ${code} on SIGINT:\n${out}`);
  return { case: label, 'up s': up.toFixed(1), 'stop s': ((Date.now() - t1) / 1000).toFixed(1) };
}

try {
  const rows = [await startStop('cold (downloads from Maven Central)'), await startStop('warm'), await startStop('warm again')];
  console.log(`\nbench:stack — playpulse up --no-simulator until "Press Ctrl-C", then SIGINT until exit\n`);
  console.log(table(rows));
  console.log('\ntargets: warm start ≤ 30 s, stop ≤ 30 s');
} finally {
  rmSync(root, { recursive: true, force: true });
}
