/** The local stack fails with messages a user can act on: port taken (and by what), Java or Maven missing. */
import { describe, it, expect, inject } from 'vitest';
import { createServer, type Socket } from 'node:net';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack } from '../../deploy/local/stack.ts';

const run = promisify(execFile);
const stack = inject('stack');

describe('local stack preflight', () => {
  it('refuses a Kafka port taken by another program and names that program', async () => {
    const sockets = new Set<Socket>();
    const squatter = createServer((s) => {
      sockets.add(s); // accepts and stays silent, as a program that is not Kafka would
      s.on('error', () => undefined);
    });
    await new Promise<void>((r) => squatter.listen(39_555, '127.0.0.1', () => r()));
    try {
      await expect(startStack({ env: { ...process.env, KAFKA_BROKERS: '127.0.0.1:39555', SCHEMA_REGISTRY_URL: stack.schemaRegistryUrl, REDIS_URL: stack.redisUrl } })).rejects.toMatchObject({
        code: 'PORT_IN_USE',
        message: expect.stringMatching(/Port 39555 is needed for Kafka but is already in use by node \(pid \d+\)/),
      });
    } finally {
      for (const s of sockets) s.destroy();
      squatter.close();
    }
  });

  it('says that Java 17+ is needed when java is not on PATH', async () => {
    const state = mkdtempSync(join(tmpdir(), 'playpulse-nojava-'));
    try {
      const script = "import('./deploy/local/stack.ts').then((m) => m.startStack()).then(() => process.exit(0), (e) => { console.log(JSON.stringify({ code: e.code, message: e.message })); process.exit(0); })";
      const { stdout } = await run(process.execPath, ['--import', 'tsx', '-e', script], {
        env: { PATH: '/nonexistent', HOME: state, PLAYPULSE_STATE_DIR: state, PLAYPULSE_CACHE_DIR: state, KAFKA_BROKERS: '127.0.0.1:39556', SCHEMA_REGISTRY_URL: 'http://127.0.0.1:39557/apis/ccompat/v7', REDIS_URL: stack.redisUrl },
        timeout: 60_000,
      });
      const err = JSON.parse(stdout.trim().split('\n').pop() as string) as { code: string; message: string };
      expect(err.code).toBe('JAVA_MISSING');
      expect(err.message).toContain('Java 17+ is required');
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  });
});
