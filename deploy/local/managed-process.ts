/**
 * A child process of the local stack: own process group (so nothing is left behind),
 * output to a log file, a health probe, and an orderly stop (SIGTERM, then SIGKILL).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync, existsSync, writeFileSync, rmSync } from 'node:fs';
import { StackError } from './preflight.ts';

export interface ManagedProcessOptions {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  logFile: string;
  pidFile: string;
  /** Resolves true once the process serves. */
  healthy: () => Promise<boolean>;
  startTimeoutMs: number;
  stopTimeoutMs: number;
}

export class ManagedProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> = Promise.resolve(null);
  private exitCode: number | null | undefined;

  constructor(readonly opts: ManagedProcessOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    killStale(this.opts.pidFile, this.opts.command);
    const fd = openSync(this.opts.logFile, 'a');
    const child = spawn(this.opts.command, this.opts.args, {
      cwd: this.opts.cwd,
      env: { ...process.env, ...this.opts.env },
      stdio: ['ignore', fd, fd],
      detached: true,
    });
    closeSync(fd);
    this.child = child;
    this.exitCode = undefined;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? -1 : null);
        resolve(this.exitCode);
      });
      child.once('error', () => resolve(-1));
    });
    if (child.pid) writeFileSync(this.opts.pidFile, String(child.pid));
    const deadline = Date.now() + this.opts.startTimeoutMs;
    while (Date.now() < deadline) {
      if (this.exitCode !== undefined) {
        throw new StackError('PART_EXITED', `${this.opts.name} exited during start-up (code ${this.exitCode}). Last lines of ${this.opts.logFile}:\n${tail(this.opts.logFile)}`);
      }
      if (await this.opts.healthy().catch(() => false)) return;
      await sleep(250);
    }
    await this.stop();
    throw new StackError('PART_UNHEALTHY', `${this.opts.name} did not become healthy within ${this.opts.startTimeoutMs / 1000}s. Last lines of ${this.opts.logFile}:\n${tail(this.opts.logFile)}`);
  }

  /** SIGTERM to the process group; SIGKILL after stopTimeoutMs. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid || this.exitCode !== undefined) {
      rmSync(this.opts.pidFile, { force: true });
      return;
    }
    signalGroup(child.pid, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([this.exited.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), this.opts.stopTimeoutMs)))]);
    clearTimeout(timer);
    if (timedOut) {
      signalGroup(child.pid, 'SIGKILL');
      await this.exited;
    }
    rmSync(this.opts.pidFile, { force: true });
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

/**
 * A pid file left by a stack that was killed hard: stop that process group before starting again,
 * but only if the pid still runs the same program (a pid may have been reused since).
 */
function killStale(pidFile: string, command: string): void {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    /* not running, or no /proc */
  }
  if (pid > 0 && cmdline.includes(command.split('/').pop() as string)) {
    try {
      process.kill(pid, 0);
      signalGroup(pid, 'SIGKILL');
    } catch {
      /* not running */
    }
  }
  rmSync(pidFile, { force: true });
}

export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
