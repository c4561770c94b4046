/**
 * `playpulse up` on its own ports and state dir: brings up Kafka, the registry and Redis with every
 * topic and subject, prints where each part listens, and on SIGINT stops everything it started
 * within 30 s, leaving no process behind, also when Ctrl-C comes twice. The services run from the
 * compiled tree (dist/).
 */
import { describe, it, expect } from 'vitest';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKafkaBus } from '../../services/runtime/kafkajs-bus.ts';
import { TOPICS } from '../../topics/catalog.ts';
import { availableSchemaTopics } from '../../avro/subjects.ts';
import { SERVICES } from '../../services/cli/service-catalog.ts';
import { portAnswers } from '../../deploy/local/preflight.ts';
import { compiledPath } from '../../deploy/local/service-build.ts';

const PORTS = { kafka: 19092, registry: 18081, redis: 16379 };

function childPids(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function describePid(pid: number): string {
  try {
    return execFileSync('ps', ['-o', 'stat=,args=', '-p', String(pid)], { encoding: 'utf8' }).trim().slice(0, 200);
  } catch {
    return '(gone)';
  }
}

/** Alive and not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  if (describePid(pid).startsWith('Z')) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('playpulse up', () => {
  it('starts the stack with all topics and subjects, then stops cleanly on SIGINT', { timeout: 240_000 }, async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'playpulse-up-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PLAYPULSE_STATE_DIR: stateDir,
      KAFKA_BROKERS: `127.0.0.1:${PORTS.kafka}`,
      SCHEMA_REGISTRY_URL: `http://127.0.0.1:${PORTS.registry}/apis/ccompat/v7`,
      REDIS_URL: `redis://127.0.0.1:${PORTS.redis}`,
      TOPIC_PREFIX: '',
      LOG_LEVEL: 'warn',
    };
    SERVICES.forEach((s, i) => (env[s.portVariable] = String(28_080 + i)));
    const child = spawn(process.execPath, ['bin/playpulse.js', 'up', '--no-simulator'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      const t0 = Date.now();
      while (!out.includes('Press Ctrl-C to stop.')) {
        if (child.exitCode !== null) throw new Error(`up exited early:\n${out}`);
        if (Date.now() - t0 > 180_000) throw new Error(`up not ready in 180 s:\n${out}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(out).toContain(`127.0.0.1:${PORTS.kafka}`);
      expect(out).toContain(`http://127.0.0.1:${PORTS.registry}/apis/ccompat/v7`);
      expect(out).toContain(`redis://127.0.0.1:${PORTS.redis}`);

      const admin = createKafkaBus({ brokers: [`127.0.0.1:${PORTS.kafka}`], clientId: 'test-up' }).admin();
      await admin.connect();
      const topics = await admin.listTopics();
      await admin.disconnect();
      for (const t of TOPICS) expect(topics).toContain(t.name);
      const subjects = (await (await fetch(`http://127.0.0.1:${PORTS.registry}/apis/ccompat/v7/subjects`)).json()) as string[];
      for (const t of availableSchemaTopics()) expect(subjects).toContain(`${t}-value`);

      // Services run from the compiled tree (deploy/local/service-build.ts), not through tsx.
      expect(out).toMatch(/\[build [^\]]+\] compiled into dist\//);
      for (const name of ['collector', 'signals', 'tailer']) {
        const pid = Number(readFileSync(join(stateDir, 'services', `${name}.pid`), 'utf8'));
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
        expect(argv.slice(1)).toEqual([compiledPath(`services/${name}/main.ts`)]);
      }

      const pids = childPids(child.pid as number);
      expect(pids.length).toBeGreaterThanOrEqual(3);
      const stopAt = Date.now();
      child.kill('SIGINT');
      // An impatient second Ctrl-C must not abandon the stop (and leave everything running).
      await new Promise((r) => setTimeout(r, 300));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(out).toContain('still stopping');
      expect(Date.now() - stopAt).toBeLessThan(30_000);
      const survivors = pids.filter(alive).map((pid) => `${pid}: ${describePid(pid)}`);
      expect(survivors).toEqual([]);
      for (const port of Object.values(PORTS)) expect(await portAnswers(port)).toBe(false);
    } finally {
      // A failed assertion must not leave the stack behind (it would hold the ports for the next run):
      // stop it the orderly way first; SIGKILL only if that hangs.
      if (child.exitCode === null) {
        child.kill('SIGINT');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
