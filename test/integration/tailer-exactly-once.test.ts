/**
 * kill -9 in the middle of files, restart: every line is in the topic exactly once (read_committed),
 * including a W3C file whose #Fields directives must be replayed on resume. The first instance parses
 * on its file jobs' threads, the second in a parse worker (TAILER_PARSE_WORKERS), which replays the
 * directives in the worker and continues the files where the first left off.
 */
import { describe, it, expect, inject, beforeAll, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccessEvent, SsaiEvent } from '../../avro/generated/index.ts';
import { generateAccessLines, generateSsaiLines, writeLogFile } from '../../services/tailer/generate/index.ts';
import { createAccessParser, createSsaiParser } from '../../services/tailer/parse/index.ts';
import { tailerTestRun, readTopic, decodeAll, waitFor, type TailerTestRun } from '../support/tailer-helpers.ts';

const stack = inject('stack');
let run: TailerTestRun;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function startTailer(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/tailer/main.ts'], { cwd: process.cwd(), env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.resume();
  return child;
}

async function metric(port: number, name: string): Promise<number> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    let sum = 0;
    for (const line of text.split('\n')) if (line.startsWith(name)) sum += Number(line.split(' ').pop());
    return sum;
  } catch {
    return 0;
  }
}

function expectedLines(path: string, parse: (line: string, n: number) => { kind: string }): number[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const out: number[] = [];
  lines.forEach((l, i) => {
    if (parse(l, i + 1).kind === 'record') out.push(i + 1);
  });
  return out;
}

beforeAll(async () => {
  run = await tailerTestRun(stack, 'eo');
});

afterAll(async () => {
  await run.cleanup();
});

describe('tailer exactly once across kill -9', () => {
  it('publishes every line of an SSAI and a W3C file exactly once after SIGKILL mid-file and restart', { timeout: 300_000 }, async () => {
    const ssaiPath = join(run.dir, 'ssai/2021/06/28/23/Xy12ab34cd5/prod-ssai-ad-tracking-1-1-2021-06-28-23-00-00-0f0e.log');
    const w3cPath = join(run.dir, 'access/MSLT20150830-00.w3c');
    await writeLogFile(ssaiPath, generateSsaiLines({ seed: 7, breaks: 4000 }));
    await writeLogFile(w3cPath, generateAccessLines('w3c', { seed: 8, requests: 30_000, fieldsChangeEvery: 700 }));
    const ssaiParser = createSsaiParser({ fileId: 'x', file: 'x' });
    const w3cParser = createAccessParser('w3c', { fileId: 'x', file: 'x', ipHashKey: 'k' });
    const expectSsai = expectedLines(ssaiPath, (l, n) => ssaiParser.parseLine(l, n));
    const expectW3c = expectedLines(w3cPath, (l, n) => w3cParser.parseLine(l, n));
    expect(expectSsai.length).toBeGreaterThan(10_000);
    expect(expectW3c.length).toBe(30_000);

    const port = await freePort();
    const env = { ...run.env, TAILER_PORT: String(port), TAILER_BATCH_LINES: '500', TAILER_LANES: '2', TAILER_SOURCES: `ssai:${run.dir}/ssai/**,w3c:${run.dir}/access/**` };
    const first = startTailer({ ...env, TAILER_PARSE_WORKERS: '0' });
    const firstExit = new Promise<void>((r) => first.once('exit', () => r()));
    await waitFor(async () => (await metric(port, 'playpulse_tailer_transactions_batches_total{outcome="committed"')) >= 6, 60_000, 'first tailer to commit some transactions');
    first.kill('SIGKILL');
    await firstExit;
    // the first instance was stopped before it finished
    const firstRun = await readTopic(run.bus, run.topic('ssai.events.v1'), () => true, { quietMs: 500 });
    const firstW3c = await readTopic(run.bus, run.topic('access.events.v1'), () => true, { quietMs: 500 });
    expect(firstRun.length + firstW3c.length).toBeLessThan(expectSsai.length + expectW3c.length);

    const second = startTailer({ ...env, TAILER_PARSE_WORKERS: '1' });
    const secondExit = new Promise<number | null>((r) => second.once('exit', (code) => r(code)));
    try {
      const ssai = await decodeAll<SsaiEvent>(run.serde, await readTopic(run.bus, run.topic('ssai.events.v1'), (all) => all.length >= expectSsai.length, { quietMs: 2000, timeoutMs: 120_000 }));
      const access = await decodeAll<AccessEvent>(run.serde, await readTopic(run.bus, run.topic('access.events.v1'), (all) => all.length >= expectW3c.length, { quietMs: 2000, timeoutMs: 120_000 }));

      for (const [records, expected] of [
        [ssai.map((e) => e.source), expectSsai],
        [access.map((e) => e.source), expectW3c],
      ] as const) {
        const ids = new Set(records.map((s) => s.fileId));
        expect(ids.size).toBe(1);
        const lines = records.map((s) => s.line).sort((a, b) => a - b);
        expect(new Set(lines).size).toBe(lines.length); // no duplicates
        expect(lines).toEqual(expected); // no gaps
      }
      expect(await metric(port, 'playpulse_tailer_parsed_lines_total{where="worker"')).toBeGreaterThan(0);
    } finally {
      second.kill('SIGTERM');
    }
    expect(await secondExit).toBe(0);
  });
});
