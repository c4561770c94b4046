/** Helpers shared by the benchmarks: child processes with their address, peak RSS, CPU used, medians. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { ServiceCommand } from '../deploy/local/service-build.ts';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Peak resident set size of a process (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmHWM:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Starts a service (compiled or through tsx, see deploy/local/service-build.ts) and resolves once `ready(line)` matches a stdout line. */
export function startNode(cmd: ServiceCommand, env: NodeJS.ProcessEnv, ready: (line: string) => boolean): Promise<{ child: ChildProcess; line: string }> {
  const file = cmd.args.at(-1) ?? cmd.command;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd.command, cmd.args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let buf = '';
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      for (const line of buf.split('\n')) if (ready(line)) return resolve({ child, line });
    });
    child.once('exit', (code) => reject(new Error(`${file} exited (${code}): ${err.slice(-2000)}`)));
  });
}

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
  });
}

/** CPU µs for a table cell. */
export function micros(x: number | null): string {
  return x === null ? 'n/a' : x.toFixed(1);
}

/** A header and rows, each column right-aligned to its widest cell. */
export function rightAligned(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [header, ...rows].map((cells) => cells.map((c, i) => c.padStart(widths[i] as number)).join('  ')).join('\n');
}

export function table(rows: Array<Record<string, string | number>>): string {
  const cols = Object.keys(rows[0] ?? {});
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(width[i] as number)).join('  ');
  return [line(cols), line(width.map((w) => '-'.repeat(w))), ...rows.map((r) => line(cols.map((c) => String(r[c]))))].join('\n');
}

let clockTicks: number | null = null;
function clkTck(): number {
  if (clockTicks === null) {
    const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
    clockTicks = Number(r.stdout?.trim()) || 100;
  }
  return clockTicks;
}

/** CPU seconds (user + system, all threads) a process has used so far, from /proc; null when unreadable. */
export function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd (state) on
    return (Number(f[11]) + Number(f[12])) / clkTck(); // utime, stime: the 14th and 15th fields
  } catch {
    return null;
  }
}

/** The pid of the local Kafka broker (a `java … kafka.Kafka` process), or null. */
export function kafkaBrokerPid(): number | null {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      if (cmd.includes('kafka.Kafka')) return Number(d);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

/** CPU seconds used by each named process (and by this one, as `self`) between start and stop. */
export function cpuMeter(pids: Record<string, number | null | undefined>): () => Record<string, number | null> {
  const self0 = process.cpuUsage();
  const start = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, pid ? cpuSecondsOf(pid) : null]));
  return () => {
    const self = process.cpuUsage(self0);
    const out: Record<string, number | null> = { self: (self.user + self.system) / 1e6 };
    for (const [k, pid] of Object.entries(pids)) {
      const now = pid ? cpuSecondsOf(pid) : null;
      const was = start[k];
      out[k] = now === null || was === null || was === undefined ? null : now - was;
    }
    return out;
  };
}

/** The events/s a machine of `cores` cores could at most sustain at this CPU cost per event (µs, all processes). */
export function cpuCeiling(microsPerEvent: number, cores = availableParallelism()): number {
  return (cores * 1e6) / microsPerEvent;
}
