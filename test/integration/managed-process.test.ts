/** The local stack's process handling: stale pid files of a hard-killed run are cleaned up, but never kill an unrelated process. */
import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManagedProcess } from '../../deploy/local/managed-process.ts';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleeper = (dir: string, name: string) =>
  new ManagedProcess({ name, command: 'sleep', args: ['300'], logFile: join(dir, `${name}.log`), pidFile: join(dir, `${name}.pid`), healthy: async () => true, startTimeoutMs: 5000, stopTimeoutMs: 5000 });

describe('ManagedProcess', () => {
  it('stops a leftover process of the same program named in its pid file, then starts and stops its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'playpulse-mp-'));
    const leftover = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' });
    const exited = new Promise<void>((r) => leftover.once('exit', () => r()));
    writeFileSync(join(dir, 'part.pid'), String(leftover.pid));
    const p = sleeper(dir, 'part');
    try {
      await p.start();
      await exited;
      expect(alive(leftover.pid as number)).toBe(false);
      expect(p.pid && alive(p.pid)).toBe(true);
      await p.stop();
      expect(existsSync(join(dir, 'part.pid'))).toBe(false);
    } finally {
      await p.stop();
      if (alive(leftover.pid as number)) leftover.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves alone a process whose pid was reused by another program', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'playpulse-mp-'));
    writeFileSync(join(dir, 'part.pid'), String(process.pid));
    const p = sleeper(dir, 'part');
    try {
      await p.start();
      expect(alive(process.pid)).toBe(true);
    } finally {
      await p.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
